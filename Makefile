# Two commands do everything: `make site` builds the whole site into output/, `make test` runs the
# whole test suite. Both create .venv from the pinned requirements on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.requirements-installed
# The release gate's Node tools (Nu Html Checker, Lighthouse), from package-lock.json.
NODE_READY := node_modules/.installed

.PHONY: site test serve new check publish-build gate publish clean requirements lint bench-search bench-build share-cards strip-photos

# A .venv whose Python is gone (the system's Python upgraded, 3.11 to 3.13) is made again, not used broken:
# its stamp is then out of date whatever its time, and the rule below removes it first.
ifneq ($(wildcard $(READY)),)
ifneq ($(shell $(BIN)/python -c "print('ok')" 2>/dev/null),ok)
.PHONY: $(READY)
endif
endif

$(READY): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "Python 3.11 or newer is needed; $(PYTHON) is $$($(PYTHON) --version 2>&1). Run: make PYTHON=python3.11 ..."; exit 1; }
	@[ ! -e $(VENV) ] || $(BIN)/python -c "" 2>/dev/null || { \
	  echo ".venv was made with a Python that no longer runs: making it again."; rm -rf $(VENV); }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(NODE_READY): package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

site: $(READY)  ## build the whole site into output/
	$(BIN)/invoke build

test: $(READY) $(NODE_READY)  ## lint, then run the whole test suite and release gate (it builds the site itself)
	$(BIN)/ruff check .
	$(BIN)/pytest

serve: $(READY)  ## live preview on http://localhost:8000/ (Ctrl-C stops it)
	$(BIN)/invoke livereload

# The title as typed: in the recipe's environment, unexpanded ($(value)), not as $(TITLE) in its command, where
# make read "$5" in a title as a variable and the shell took the title's quotation marks as its own.
override TITLE := $(value TITLE)
export TITLE
new: $(READY)  ## create a new article pair: make new TITLE="English title" CATEGORY=news [DATE="2026-11-20 09:30"]
	$(BIN)/invoke new --title "$$TITLE" --category "$$CATEGORY" --date "$$DATE"

check: $(READY)  ## check all content without building (FORMAT=github: as annotations, on GitHub Actions)
	$(BIN)/invoke check $(if $(filter github,$(FORMAT)),--github)

publish-build: $(READY)  ## build with publishconf.py (absolute URLs, feeds)
	$(BIN)/invoke publish-build

gate: $(READY) $(NODE_READY)  ## run the release gate on output/ as make publish-build left it (publishes nothing)
	$(BIN)/invoke gate

publish: $(READY) $(NODE_READY)  ## build, run the release gate, publish: make publish TARGET=/folder or GH_PAGES=<git remote>
	$(BIN)/invoke publish $(if $(TARGET),--target "$(TARGET)") $(if $(GH_PAGES),--gh-pages "$(GH_PAGES)")

strip-photos: $(READY)  ## remove the GPS position and other metadata from the photos in content/, before a commit
	$(BIN)/invoke strip-photos

share-cards: $(READY)  ## draw the link-preview cards again, after a change to a site name, tagline or agency
	$(BIN)/invoke share-cards

bench-search: $(READY)  ## search recall, precision and bytes per query, ours against plain Pagefind
	$(BIN)/python bench/search_benchmark.py

bench-build: $(READY)  ## build time, CPU and memory of 500 and 2000 article pairs, ours against plain Pelican
	$(BIN)/python bench/build_benchmark.py $(if $(PAIRS),--pairs $(PAIRS))

lint: $(READY)
	$(BIN)/ruff check .

clean:
	rm -rf output output.* cache test-artifacts

# In a new, empty environment: the newest release of every package requirements.in names (and of what they
# need), not what .venv happens to hold. The next make command installs the new pins into .venv.
requirements:  ## re-pin requirements.txt from requirements.in, to the newest releases (then make test)
	rm -rf $(VENV).pin
	$(PYTHON) -m venv $(VENV).pin
	$(VENV).pin/bin/pip install --quiet --disable-pip-version-check -r requirements.in
	{ echo "# Pinned from requirements.in with \`make requirements\`; do not edit by hand."; \
	  $(VENV).pin/bin/pip freeze --exclude-editable; } > requirements.txt
	rm -rf $(VENV).pin
