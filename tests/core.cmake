voc_gtest(core COMPONENTS core)
