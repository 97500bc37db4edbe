# The trainable character tagger (voc train-segmenter / voc segment --model) and new-word discovery.
voc_gtest(char_tagger COMPONENTS core text)
