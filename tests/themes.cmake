voc_gtest(themes COMPONENTS core text themes)
