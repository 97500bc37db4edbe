voc_gtest(journey COMPONENTS core store journey)
