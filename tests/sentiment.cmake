voc_gtest(sentiment COMPONENTS core text sentiment)
