voc_gtest(store COMPONENTS core store)
