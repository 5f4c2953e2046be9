; A shuffle chain body of at least 100 instructions that more than one
; place calls is kept out of line (noinline for alwaysinline); a large body
; called once, a small one called twice, and a function that is no chain
; body stay as they are. Bodies are counted by their direct calls.
; RUN: %tx-opt -passes=tx-share-chain-bodies -S %s | %FileCheck %s
; RUN: %tx-opt -passes=tx-share-chain-bodies -S %s | %tx-opt -passes=verify -S -o /dev/null -

target triple = "x86_64-pc-linux-gnu"

; CHECK: define internal <32 x i32> @__tx_shfl_chain_body(<32 x i32> %lanes, i32 %arrived.mask) #[[SHARED:[0-9]+]] {
; CHECK: define internal <32 x i32> @__tx_shfl_chain_body.1(<32 x i32> %lanes, i32 %arrived.mask) #[[INLINE:[0-9]+]] {
; CHECK: define internal <32 x i32> @__tx_shfl_chain_body.2(<32 x i32> %lanes, i32 %arrived.mask) #[[INLINE]] {
; CHECK: define internal <32 x i32> @other_helper(<32 x i32> %lanes, i32 %arrived.mask) #[[INLINE]] {
; CHECK-DAG: attributes #[[SHARED]] = { noinline nounwind }
; CHECK-DAG: attributes #[[INLINE]] = { alwaysinline nounwind }

; Large, called from two regions: out of line.
define internal <32 x i32> @__tx_shfl_chain_body(<32 x i32> %lanes, i32 %arrived.mask) #0 {
entry:
  %v0 = add <32 x i32> %lanes, %lanes
  %v1 = add <32 x i32> %v0, %lanes
  %v2 = add <32 x i32> %v1, %lanes
  %v3 = add <32 x i32> %v2, %lanes
  %v4 = add <32 x i32> %v3, %lanes
  %v5 = add <32 x i32> %v4, %lanes
  %v6 = add <32 x i32> %v5, %lanes
  %v7 = add <32 x i32> %v6, %lanes
  %v8 = add <32 x i32> %v7, %lanes
  %v9 = add <32 x i32> %v8, %lanes
  %v10 = add <32 x i32> %v9, %lanes
  %v11 = add <32 x i32> %v10, %lanes
  %v12 = add <32 x i32> %v11, %lanes
  %v13 = add <32 x i32> %v12, %lanes
  %v14 = add <32 x i32> %v13, %lanes
  %v15 = add <32 x i32> %v14, %lanes
  %v16 = add <32 x i32> %v15, %lanes
  %v17 = add <32 x i32> %v16, %lanes
  %v18 = add <32 x i32> %v17, %lanes
  %v19 = add <32 x i32> %v18, %lanes
  %v20 = add <32 x i32> %v19, %lanes
  %v21 = add <32 x i32> %v20, %lanes
  %v22 = add <32 x i32> %v21, %lanes
  %v23 = add <32 x i32> %v22, %lanes
  %v24 = add <32 x i32> %v23, %lanes
  %v25 = add <32 x i32> %v24, %lanes
  %v26 = add <32 x i32> %v25, %lanes
  %v27 = add <32 x i32> %v26, %lanes
  %v28 = add <32 x i32> %v27, %lanes
  %v29 = add <32 x i32> %v28, %lanes
  %v30 = add <32 x i32> %v29, %lanes
  %v31 = add <32 x i32> %v30, %lanes
  %v32 = add <32 x i32> %v31, %lanes
  %v33 = add <32 x i32> %v32, %lanes
  %v34 = add <32 x i32> %v33, %lanes
  %v35 = add <32 x i32> %v34, %lanes
  %v36 = add <32 x i32> %v35, %lanes
  %v37 = add <32 x i32> %v36, %lanes
  %v38 = add <32 x i32> %v37, %lanes
  %v39 = add <32 x i32> %v38, %lanes
  %v40 = add <32 x i32> %v39, %lanes
  %v41 = add <32 x i32> %v40, %lanes
  %v42 = add <32 x i32> %v41, %lanes
  %v43 = add <32 x i32> %v42, %lanes
  %v44 = add <32 x i32> %v43, %lanes
  %v45 = add <32 x i32> %v44, %lanes
  %v46 = add <32 x i32> %v45, %lanes
  %v47 = add <32 x i32> %v46, %lanes
  %v48 = add <32 x i32> %v47, %lanes
  %v49 = add <32 x i32> %v48, %lanes
  %v50 = add <32 x i32> %v49, %lanes
  %v51 = add <32 x i32> %v50, %lanes
  %v52 = add <32 x i32> %v51, %lanes
  %v53 = add <32 x i32> %v52, %lanes
  %v54 = add <32 x i32> %v53, %lanes
  %v55 = add <32 x i32> %v54, %lanes
  %v56 = add <32 x i32> %v55, %lanes
  %v57 = add <32 x i32> %v56, %lanes
  %v58 = add <32 x i32> %v57, %lanes
  %v59 = add <32 x i32> %v58, %lanes
  %v60 = add <32 x i32> %v59, %lanes
  %v61 = add <32 x i32> %v60, %lanes
  %v62 = add <32 x i32> %v61, %lanes
  %v63 = add <32 x i32> %v62, %lanes
  %v64 = add <32 x i32> %v63, %lanes
  %v65 = add <32 x i32> %v64, %lanes
  %v66 = add <32 x i32> %v65, %lanes
  %v67 = add <32 x i32> %v66, %lanes
  %v68 = add <32 x i32> %v67, %lanes
  %v69 = add <32 x i32> %v68, %lanes
  %v70 = add <32 x i32> %v69, %lanes
  %v71 = add <32 x i32> %v70, %lanes
  %v72 = add <32 x i32> %v71, %lanes
  %v73 = add <32 x i32> %v72, %lanes
  %v74 = add <32 x i32> %v73, %lanes
  %v75 = add <32 x i32> %v74, %lanes
  %v76 = add <32 x i32> %v75, %lanes
  %v77 = add <32 x i32> %v76, %lanes
  %v78 = add <32 x i32> %v77, %lanes
  %v79 = add <32 x i32> %v78, %lanes
  %v80 = add <32 x i32> %v79, %lanes
  %v81 = add <32 x i32> %v80, %lanes
  %v82 = add <32 x i32> %v81, %lanes
  %v83 = add <32 x i32> %v82, %lanes
  %v84 = add <32 x i32> %v83, %lanes
  %v85 = add <32 x i32> %v84, %lanes
  %v86 = add <32 x i32> %v85, %lanes
  %v87 = add <32 x i32> %v86, %lanes
  %v88 = add <32 x i32> %v87, %lanes
  %v89 = add <32 x i32> %v88, %lanes
  %v90 = add <32 x i32> %v89, %lanes
  %v91 = add <32 x i32> %v90, %lanes
  %v92 = add <32 x i32> %v91, %lanes
  %v93 = add <32 x i32> %v92, %lanes
  %v94 = add <32 x i32> %v93, %lanes
  %v95 = add <32 x i32> %v94, %lanes
  %v96 = add <32 x i32> %v95, %lanes
  %v97 = add <32 x i32> %v96, %lanes
  %v98 = add <32 x i32> %v97, %lanes
  %v99 = add <32 x i32> %v98, %lanes
  ret <32 x i32> %v99
}

; Large, called once: inlined as before.
define internal <32 x i32> @__tx_shfl_chain_body.1(<32 x i32> %lanes, i32 %arrived.mask) #0 {
entry:
  %v0 = add <32 x i32> %lanes, %lanes
  %v1 = add <32 x i32> %v0, %lanes
  %v2 = add <32 x i32> %v1, %lanes
  %v3 = add <32 x i32> %v2, %lanes
  %v4 = add <32 x i32> %v3, %lanes
  %v5 = add <32 x i32> %v4, %lanes
  %v6 = add <32 x i32> %v5, %lanes
  %v7 = add <32 x i32> %v6, %lanes
  %v8 = add <32 x i32> %v7, %lanes
  %v9 = add <32 x i32> %v8, %lanes
  %v10 = add <32 x i32> %v9, %lanes
  %v11 = add <32 x i32> %v10, %lanes
  %v12 = add <32 x i32> %v11, %lanes
  %v13 = add <32 x i32> %v12, %lanes
  %v14 = add <32 x i32> %v13, %lanes
  %v15 = add <32 x i32> %v14, %lanes
  %v16 = add <32 x i32> %v15, %lanes
  %v17 = add <32 x i32> %v16, %lanes
  %v18 = add <32 x i32> %v17, %lanes
  %v19 = add <32 x i32> %v18, %lanes
  %v20 = add <32 x i32> %v19, %lanes
  %v21 = add <32 x i32> %v20, %lanes
  %v22 = add <32 x i32> %v21, %lanes
  %v23 = add <32 x i32> %v22, %lanes
  %v24 = add <32 x i32> %v23, %lanes
  %v25 = add <32 x i32> %v24, %lanes
  %v26 = add <32 x i32> %v25, %lanes
  %v27 = add <32 x i32> %v26, %lanes
  %v28 = add <32 x i32> %v27, %lanes
  %v29 = add <32 x i32> %v28, %lanes
  %v30 = add <32 x i32> %v29, %lanes
  %v31 = add <32 x i32> %v30, %lanes
  %v32 = add <32 x i32> %v31, %lanes
  %v33 = add <32 x i32> %v32, %lanes
  %v34 = add <32 x i32> %v33, %lanes
  %v35 = add <32 x i32> %v34, %lanes
  %v36 = add <32 x i32> %v35, %lanes
  %v37 = add <32 x i32> %v36, %lanes
  %v38 = add <32 x i32> %v37, %lanes
  %v39 = add <32 x i32> %v38, %lanes
  %v40 = add <32 x i32> %v39, %lanes
  %v41 = add <32 x i32> %v40, %lanes
  %v42 = add <32 x i32> %v41, %lanes
  %v43 = add <32 x i32> %v42, %lanes
  %v44 = add <32 x i32> %v43, %lanes
  %v45 = add <32 x i32> %v44, %lanes
  %v46 = add <32 x i32> %v45, %lanes
  %v47 = add <32 x i32> %v46, %lanes
  %v48 = add <32 x i32> %v47, %lanes
  %v49 = add <32 x i32> %v48, %lanes
  %v50 = add <32 x i32> %v49, %lanes
  %v51 = add <32 x i32> %v50, %lanes
  %v52 = add <32 x i32> %v51, %lanes
  %v53 = add <32 x i32> %v52, %lanes
  %v54 = add <32 x i32> %v53, %lanes
  %v55 = add <32 x i32> %v54, %lanes
  %v56 = add <32 x i32> %v55, %lanes
  %v57 = add <32 x i32> %v56, %lanes
  %v58 = add <32 x i32> %v57, %lanes
  %v59 = add <32 x i32> %v58, %lanes
  %v60 = add <32 x i32> %v59, %lanes
  %v61 = add <32 x i32> %v60, %lanes
  %v62 = add <32 x i32> %v61, %lanes
  %v63 = add <32 x i32> %v62, %lanes
  %v64 = add <32 x i32> %v63, %lanes
  %v65 = add <32 x i32> %v64, %lanes
  %v66 = add <32 x i32> %v65, %lanes
  %v67 = add <32 x i32> %v66, %lanes
  %v68 = add <32 x i32> %v67, %lanes
  %v69 = add <32 x i32> %v68, %lanes
  %v70 = add <32 x i32> %v69, %lanes
  %v71 = add <32 x i32> %v70, %lanes
  %v72 = add <32 x i32> %v71, %lanes
  %v73 = add <32 x i32> %v72, %lanes
  %v74 = add <32 x i32> %v73, %lanes
  %v75 = add <32 x i32> %v74, %lanes
  %v76 = add <32 x i32> %v75, %lanes
  %v77 = add <32 x i32> %v76, %lanes
  %v78 = add <32 x i32> %v77, %lanes
  %v79 = add <32 x i32> %v78, %lanes
  %v80 = add <32 x i32> %v79, %lanes
  %v81 = add <32 x i32> %v80, %lanes
  %v82 = add <32 x i32> %v81, %lanes
  %v83 = add <32 x i32> %v82, %lanes
  %v84 = add <32 x i32> %v83, %lanes
  %v85 = add <32 x i32> %v84, %lanes
  %v86 = add <32 x i32> %v85, %lanes
  %v87 = add <32 x i32> %v86, %lanes
  %v88 = add <32 x i32> %v87, %lanes
  %v89 = add <32 x i32> %v88, %lanes
  %v90 = add <32 x i32> %v89, %lanes
  %v91 = add <32 x i32> %v90, %lanes
  %v92 = add <32 x i32> %v91, %lanes
  %v93 = add <32 x i32> %v92, %lanes
  %v94 = add <32 x i32> %v93, %lanes
  %v95 = add <32 x i32> %v94, %lanes
  %v96 = add <32 x i32> %v95, %lanes
  %v97 = add <32 x i32> %v96, %lanes
  %v98 = add <32 x i32> %v97, %lanes
  %v99 = add <32 x i32> %v98, %lanes
  ret <32 x i32> %v99
}

; Small (a warp sum's size), called twice: inlined as before.
define internal <32 x i32> @__tx_shfl_chain_body.2(<32 x i32> %lanes, i32 %arrived.mask) #0 {
entry:
  %v0 = add <32 x i32> %lanes, %lanes
  %v1 = add <32 x i32> %v0, %lanes
  %v2 = add <32 x i32> %v1, %lanes
  %v3 = add <32 x i32> %v2, %lanes
  %v4 = add <32 x i32> %v3, %lanes
  %v5 = add <32 x i32> %v4, %lanes
  %v6 = add <32 x i32> %v5, %lanes
  %v7 = add <32 x i32> %v6, %lanes
  %v8 = add <32 x i32> %v7, %lanes
  %v9 = add <32 x i32> %v8, %lanes
  %v10 = add <32 x i32> %v9, %lanes
  %v11 = add <32 x i32> %v10, %lanes
  %v12 = add <32 x i32> %v11, %lanes
  %v13 = add <32 x i32> %v12, %lanes
  %v14 = add <32 x i32> %v13, %lanes
  %v15 = add <32 x i32> %v14, %lanes
  %v16 = add <32 x i32> %v15, %lanes
  %v17 = add <32 x i32> %v16, %lanes
  %v18 = add <32 x i32> %v17, %lanes
  %v19 = add <32 x i32> %v18, %lanes
  %v20 = add <32 x i32> %v19, %lanes
  %v21 = add <32 x i32> %v20, %lanes
  %v22 = add <32 x i32> %v21, %lanes
  %v23 = add <32 x i32> %v22, %lanes
  %v24 = add <32 x i32> %v23, %lanes
  %v25 = add <32 x i32> %v24, %lanes
  %v26 = add <32 x i32> %v25, %lanes
  %v27 = add <32 x i32> %v26, %lanes
  %v28 = add <32 x i32> %v27, %lanes
  %v29 = add <32 x i32> %v28, %lanes
  %v30 = add <32 x i32> %v29, %lanes
  %v31 = add <32 x i32> %v30, %lanes
  %v32 = add <32 x i32> %v31, %lanes
  %v33 = add <32 x i32> %v32, %lanes
  ret <32 x i32> %v33
}

; Large and called twice, but no chain body.
define internal <32 x i32> @other_helper(<32 x i32> %lanes, i32 %arrived.mask) #0 {
entry:
  %v0 = add <32 x i32> %lanes, %lanes
  %v1 = add <32 x i32> %v0, %lanes
  %v2 = add <32 x i32> %v1, %lanes
  %v3 = add <32 x i32> %v2, %lanes
  %v4 = add <32 x i32> %v3, %lanes
  %v5 = add <32 x i32> %v4, %lanes
  %v6 = add <32 x i32> %v5, %lanes
  %v7 = add <32 x i32> %v6, %lanes
  %v8 = add <32 x i32> %v7, %lanes
  %v9 = add <32 x i32> %v8, %lanes
  %v10 = add <32 x i32> %v9, %lanes
  %v11 = add <32 x i32> %v10, %lanes
  %v12 = add <32 x i32> %v11, %lanes
  %v13 = add <32 x i32> %v12, %lanes
  %v14 = add <32 x i32> %v13, %lanes
  %v15 = add <32 x i32> %v14, %lanes
  %v16 = add <32 x i32> %v15, %lanes
  %v17 = add <32 x i32> %v16, %lanes
  %v18 = add <32 x i32> %v17, %lanes
  %v19 = add <32 x i32> %v18, %lanes
  %v20 = add <32 x i32> %v19, %lanes
  %v21 = add <32 x i32> %v20, %lanes
  %v22 = add <32 x i32> %v21, %lanes
  %v23 = add <32 x i32> %v22, %lanes
  %v24 = add <32 x i32> %v23, %lanes
  %v25 = add <32 x i32> %v24, %lanes
  %v26 = add <32 x i32> %v25, %lanes
  %v27 = add <32 x i32> %v26, %lanes
  %v28 = add <32 x i32> %v27, %lanes
  %v29 = add <32 x i32> %v28, %lanes
  %v30 = add <32 x i32> %v29, %lanes
  %v31 = add <32 x i32> %v30, %lanes
  %v32 = add <32 x i32> %v31, %lanes
  %v33 = add <32 x i32> %v32, %lanes
  %v34 = add <32 x i32> %v33, %lanes
  %v35 = add <32 x i32> %v34, %lanes
  %v36 = add <32 x i32> %v35, %lanes
  %v37 = add <32 x i32> %v36, %lanes
  %v38 = add <32 x i32> %v37, %lanes
  %v39 = add <32 x i32> %v38, %lanes
  %v40 = add <32 x i32> %v39, %lanes
  %v41 = add <32 x i32> %v40, %lanes
  %v42 = add <32 x i32> %v41, %lanes
  %v43 = add <32 x i32> %v42, %lanes
  %v44 = add <32 x i32> %v43, %lanes
  %v45 = add <32 x i32> %v44, %lanes
  %v46 = add <32 x i32> %v45, %lanes
  %v47 = add <32 x i32> %v46, %lanes
  %v48 = add <32 x i32> %v47, %lanes
  %v49 = add <32 x i32> %v48, %lanes
  %v50 = add <32 x i32> %v49, %lanes
  %v51 = add <32 x i32> %v50, %lanes
  %v52 = add <32 x i32> %v51, %lanes
  %v53 = add <32 x i32> %v52, %lanes
  %v54 = add <32 x i32> %v53, %lanes
  %v55 = add <32 x i32> %v54, %lanes
  %v56 = add <32 x i32> %v55, %lanes
  %v57 = add <32 x i32> %v56, %lanes
  %v58 = add <32 x i32> %v57, %lanes
  %v59 = add <32 x i32> %v58, %lanes
  %v60 = add <32 x i32> %v59, %lanes
  %v61 = add <32 x i32> %v60, %lanes
  %v62 = add <32 x i32> %v61, %lanes
  %v63 = add <32 x i32> %v62, %lanes
  %v64 = add <32 x i32> %v63, %lanes
  %v65 = add <32 x i32> %v64, %lanes
  %v66 = add <32 x i32> %v65, %lanes
  %v67 = add <32 x i32> %v66, %lanes
  %v68 = add <32 x i32> %v67, %lanes
  %v69 = add <32 x i32> %v68, %lanes
  %v70 = add <32 x i32> %v69, %lanes
  %v71 = add <32 x i32> %v70, %lanes
  %v72 = add <32 x i32> %v71, %lanes
  %v73 = add <32 x i32> %v72, %lanes
  %v74 = add <32 x i32> %v73, %lanes
  %v75 = add <32 x i32> %v74, %lanes
  %v76 = add <32 x i32> %v75, %lanes
  %v77 = add <32 x i32> %v76, %lanes
  %v78 = add <32 x i32> %v77, %lanes
  %v79 = add <32 x i32> %v78, %lanes
  %v80 = add <32 x i32> %v79, %lanes
  %v81 = add <32 x i32> %v80, %lanes
  %v82 = add <32 x i32> %v81, %lanes
  %v83 = add <32 x i32> %v82, %lanes
  %v84 = add <32 x i32> %v83, %lanes
  %v85 = add <32 x i32> %v84, %lanes
  %v86 = add <32 x i32> %v85, %lanes
  %v87 = add <32 x i32> %v86, %lanes
  %v88 = add <32 x i32> %v87, %lanes
  %v89 = add <32 x i32> %v88, %lanes
  %v90 = add <32 x i32> %v89, %lanes
  %v91 = add <32 x i32> %v90, %lanes
  %v92 = add <32 x i32> %v91, %lanes
  %v93 = add <32 x i32> %v92, %lanes
  %v94 = add <32 x i32> %v93, %lanes
  %v95 = add <32 x i32> %v94, %lanes
  %v96 = add <32 x i32> %v95, %lanes
  %v97 = add <32 x i32> %v96, %lanes
  %v98 = add <32 x i32> %v97, %lanes
  %v99 = add <32 x i32> %v98, %lanes
  ret <32 x i32> %v99
}

define void @region.a(ptr %out, <32 x i32> %x) {
  %a = call <32 x i32> @__tx_shfl_chain_body(<32 x i32> %x, i32 -1)
  %b = call <32 x i32> @__tx_shfl_chain_body.1(<32 x i32> %a, i32 -1)
  %c = call <32 x i32> @__tx_shfl_chain_body.2(<32 x i32> %b, i32 -1)
  %d = call <32 x i32> @other_helper(<32 x i32> %c, i32 -1)
  store <32 x i32> %d, ptr %out
  ret void
}

define void @region.b(ptr %out, <32 x i32> %x, i32 %mask) {
  %a = call <32 x i32> @__tx_shfl_chain_body(<32 x i32> %x, i32 %mask)
  %c = call <32 x i32> @__tx_shfl_chain_body.2(<32 x i32> %a, i32 %mask)
  %d = call <32 x i32> @other_helper(<32 x i32> %c, i32 %mask)
  store <32 x i32> %d, ptr %out
  ret void
}

attributes #0 = { alwaysinline nounwind }
