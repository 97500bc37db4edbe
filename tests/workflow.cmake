voc_gtest(workflow COMPONENTS core store workflow)
