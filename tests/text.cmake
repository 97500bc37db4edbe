voc_gtest(text COMPONENTS core text)
