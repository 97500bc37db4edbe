voc_gtest(workflow COMPONENTS core workflow)
