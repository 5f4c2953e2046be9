constexpr int kValue = 42;
