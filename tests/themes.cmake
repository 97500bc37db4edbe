voc_gtest(themes COMPONENTS core text sentiment themes)
