# courses/: the bundled courses' sources. The frames of their image stacks are drawn by
# scripts/make-frames (seeded, from each course's frames/make.py) whenever the tree is
# built, and travel in the tarball.
EXTRA_DIST += scripts/make-frames scripts/frames.py
all-local: courses-frames
courses-frames:
	@$(SHELL) $(top_srcdir)/scripts/make-frames
.PHONY: courses-frames
