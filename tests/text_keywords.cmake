voc_gtest(keywords COMPONENTS core text)
