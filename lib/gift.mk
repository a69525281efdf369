# GIFT quiz parser and its tests.
