# docs/: the man pages, installed, and the guides that ship in the tarball.
dist_man1_MANS += docs/rounds.1 docs/rounds-pack.1 docs/rounds-collect.1
EXTRA_DIST += \
	docs/BENCHMARKS.md \
	docs/LIMITS.md \
	docs/SECURITY.md \
	docs/admin.md \
	docs/authoring.md \
	docs/collector.md \
	docs/format.md \
	docs/player.md \
	docs/translating.md \
	docs/reviews
