voc_gtest(keywords COMPONENTS core text)
voc_gtest(text_scanners COMPONENTS core text)
