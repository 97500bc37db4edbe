voc_gtest(themes COMPONENTS core themes)
