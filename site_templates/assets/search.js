/* Site search over the Pagefind index in pagefind/: a header field on every page
   (results as you type, "/" to focus, arrows and Enter to open) and the search
   page (/search/?q=…&actor=…&round=…&topic=…&status=…&year=…&sort=…).
   Every value from the index is written with textContent; excerpts keep only
   their <mark> elements. */
(() => {
  "use strict";
  const ROOT = new URL("../", document.currentScript.src); // this file is assets/search.js
  const FACETS = ["actor", "round", "topic", "status", "year"];
  const STATUSES = ["reported", "confirmed", "disputed", "retracted"];  // generator/model.py BRIEF_STATUSES
  const NOT_A_BRIEF = { none: { kind: "page" } }; // actor, round and topic pages carry kind: page
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  const HEADER_BRIEFS = 6, HEADER_PAGES = 3, PAGE_SIZE = 20;
  const DEBOUNCE_MS = 150;  // typing pauses shorter than this start no search
  const MIN_CHARS = 2;  // as one types: a single letter is a prefix of most words, the slowest search there is
  const LONG_FACET = 40;  // options past which a facet's list can be searched
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const ORDERS = { relevance: "by relevance", date: "newest first", oldest: "oldest first" };

  /* The index is in shards (generator/outputs/search_shards.py): pagefind/ is the first,
     pagefind/shards.json names the others, merged here so that one search covers them all.
     Each shard's pages carry a filter SHARD (Pagefind's mergeFilter), so a sorted search can
     be made shard by shard. */
  const SHARD = "shard";
  let loading = null;
  function pagefind() {
    loading = loading || Promise.all([
      import(new URL("pagefind/pagefind.js", ROOT).href),
      fetch(new URL("pagefind/shards.json", ROOT)).then((answer) => (answer.ok ? answer.json() : [])).catch(() => []),
    ]).then(async ([module, shards]) => {
      const options = { baseUrl: ROOT.pathname, excerptLength: 24 };
      await module.options(options);
      await module.init();
      if (!shards.length) return module;
      await module.options({ mergeFilter: { [SHARD]: "0" } });
      await Promise.all(shards.map((shard, k) => module.mergeIndex(new URL(`pagefind/${shard}/`, ROOT).href,
        { ...options, mergeFilter: { [SHARD]: String(k + 1) } })));
      let dating = null;
      return {
        search: (term, asked = {}) => (asked.sort
          ? sortedSearch(module, term, asked, (dating = dating || shardDates()))
          : module.search(term, asked)),
        filters: () => module.filters(),
      };
    });
    return loading;
  }

  /* Each shard's sort dates in its order, oldest first, as day numbers; the file holds runs of
     [days after the last run, pages with that day] (search_shards.sort_dates). */
  async function shardDates() {
    const runs = await (await fetch(new URL("pagefind/shard-dates.json", ROOT))).json();
    return runs.map((shard) => {
      const days = [];
      for (let k = 0, day = 0; k < shard.length; k += 2) {
        day += shard[k];
        for (let n = 0; n < shard[k + 1]; n++) days.push(day);
      }
      return days;
    });
  }

  /* Pagefind scores a sorted result by its position in its own shard, which orders nothing
     across shards: search each shard alone and merge by the date at each result's position. */
  async function sortedSearch(module, term, options, dating) {
    const days = await dating;
    const searches = await Promise.all(days.map((_, k) =>
      module.search(term, { ...options, filters: { ...(options.filters || {}), [SHARD]: String(k) } })));
    const newest = Object.values(options.sort)[0] !== "asc";
    const results = searches
      .flatMap((found, k) => found.results.map((result) => ({ result, day: days[k][Math.abs(result.score)] ?? 0 })))
      .sort((a, b) => (newest ? b.day - a.day : a.day - b.day))
      .map(({ result }) => result);
    const filters = {};  // each search counted its own shard's results
    for (const found of searches) {
      for (const [name, values] of Object.entries(found.filters || {})) {
        if (name === SHARD) continue;
        filters[name] = filters[name] || {};
        for (const [value, count] of Object.entries(values)) filters[name][value] = (filters[name][value] || 0) + count;
      }
    }
    return { ...searches[0], results, filters };
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function longDate(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return match ? `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}` : "";
  }

  /* Pagefind escapes excerpts, but rebuild them anyway from text and <mark> only. */
  function excerpt(html) {
    const paragraph = element("p", "bsearch-excerpt");
    const parsed = new DOMParser().parseFromString(`<body>${html || ""}</body>`, "text/html");
    for (const node of parsed.body.childNodes) {
      if (node.nodeName === "MARK") paragraph.append(element("mark", "", node.textContent));
      else paragraph.append(document.createTextNode(node.textContent));
    }
    return paragraph;
  }

  /* The excerpt around the words found, leaving out the hidden block of alias spellings
     (_search_aliases.html.j2, its text also in meta.aliases): it is indexed, never shown. */
  const WORD_GAP = /[\r\n\s]+/g, EXCERPT_WORDS = 24;
  function withoutAliases(data) {
    const aliases = (data.meta.aliases || "").trim(), content = data.content || "";
    const cut = aliases ? content.lastIndexOf(aliases) : -1;
    if (cut < 0) return data.excerpt;
    const before = content.slice(0, cut).trim() ? content.slice(0, cut).trim().split(WORD_GAP).length : 0;
    const skipped = aliases.split(WORD_GAP).length;
    const words = content.split(WORD_GAP).filter((word, k) => k < before || k >= before + skipped);
    const found = new Set((data.locations || []).filter((k) => k < before || k >= before + skipped)
      .map((k) => (k < before ? k : k - skipped)));
    const first = Math.min(...found, words.length);
    const start = first >= words.length ? 0 : Math.max(0, Math.min(first - 6, words.length - EXCERPT_WORDS));
    const escaped = (word) => word.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");  // content is plain text
    return words.slice(start, start + EXCERPT_WORDS)
      .map((word, k) => (found.has(start + k) ? `<mark>${escaped(word)}</mark>` : escaped(word))).join(" ");
  }

  function resultItem(data, tag) {
    const item = element(tag, "bsearch-result");
    const link = element("a", "bsearch-result__link");
    link.href = data.url;
    link.append(element("span", "bsearch-result__title", data.meta.title || data.url));
    const facts = data.meta.kind
      ? [data.meta.kind[0].toUpperCase() + data.meta.kind.slice(1)]
      : [longDate(data.meta.date)];
    const meta = element("span", "bsearch-result__meta", facts.filter(Boolean).join(" · "));
    if (!data.meta.kind && STATUSES.includes(data.meta.status)) {
      meta.append(" ", element("span", `status-badge status-${data.meta.status}`, data.meta.status));
    }
    link.append(meta);
    if (data.content !== undefined) link.append(excerpt(withoutAliases(data)));  // rows from the lists have no text
    item.append(link);
    return item;
  }

  async function load(results, count) {
    return Promise.all(results.slice(0, count).map((result) => result.data()));
  }

  /* Briefs for a query and filters (newest first or by relevance), and the actor,
     round and topic pages the query names, which rank below every brief. */
  async function searchBriefs(term, facets, order, current = () => true) {
    const module = await pagefind();
    const filters = Object.keys(facets).length ? { ...facets } : { ...NOT_A_BRIEF };
    const options = { filters };
    if (order !== "relevance" || !term) options.sort = { date: order === "oldest" ? "asc" : "desc" };
    const briefs = current() ? await module.search(term || null, options) : { results: [] };
    // A superseded search stops here: the second search would only delay the one that replaced it.
    const pages = term && !Object.keys(facets).length && current()
      ? await module.search(term, { filters: { kind: "page" } })
      : { results: [] };
    return { module, briefs, pages };
  }

  /* ---- Without words: the build's lists (outputs/search_lists.py), never Pagefind's index ---- */
  const DIGIT = Object.fromEntries([..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"].map((c, k) => [c, k]));
  const listsLoading = {};
  function readJson(url) {
    return fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json();
    });
  }
  /* Each brief's values of one facet, as indexes into the facet's list of values. */
  function decodeFacet(facet, total) {
    const code = (text, at) => {
      let number = 0;
      for (let k = 0; k < facet.width; k++) number = number * 64 + DIGIT[text[at + k]];
      return number;
    };
    const entries = facet.single
      ? Array.from({ length: total }, (_, b) => facet.codes.slice(b * facet.width, (b + 1) * facet.width))
      : total ? facet.codes.split(",") : [];
    return entries.map((entry) => {
      const values = [];
      for (let at = 0; at < entry.length; at += facet.width) {
        const number = code(entry, at);
        if (number) values.push(number - 1);
      }
      return values;
    });
  }
  function lists(url) {
    if (!listsLoading[url]) {
      listsLoading[url] = readJson(url).then((data) => {
        for (const facet of Object.values(data.facets)) facet.of = decodeFacet(facet, data.total);
        data.rows = new Map();  // a page of rows by URL, fetched once
        return data;
      });
      listsLoading[url].catch(() => { delete listsLoading[url]; });
    }
    return listsLoading[url];
  }
  /* The briefs matching every filter, as results shaped like Pagefind's (data() gives url, meta),
     and each facet's counts: the briefs matching every other filter, by value. */
  async function listedBriefs(url, facets, order) {
    const data = await lists(url);
    const chosen = Object.entries(facets).map(([name, value]) => [name, data.facets[name].values.indexOf(value)]);
    const tallies = Object.fromEntries(FACETS.map((name) => [name, new Array(data.facets[name].values.length).fill(0)]));
    const matches = [];
    for (let b = 0; b < data.total; b++) {
      let missed = null, misses = 0;
      for (const [name, value] of chosen) {
        if (!data.facets[name].of[b].includes(value)) { missed = name; misses += 1; }
      }
      if (misses === 0) matches.push(b);
      for (const name of misses === 0 ? FACETS : misses === 1 ? [missed] : []) {
        for (const value of data.facets[name].of[b]) tallies[name][value] += 1;
      }
    }
    const byFacet = Object.fromEntries(FACETS.map((name) => [name,
      Object.fromEntries(data.facets[name].values.map((value, k) => [value, tallies[name][k]]))]));
    // Rows come from the shortest list among the filters chosen, else from the list of every brief.
    let members = null, pattern = data.all;
    for (const [name, value] of chosen) {
      if (!data.listed.includes(name) || value < 0) continue;
      const having = [];
      data.facets[name].of.forEach((values, b) => { if (values.includes(value)) having.push(b); });
      if (!members || having.length < members.length) {
        members = having;
        pattern = data.list.replace("{facet}", encodeURIComponent(name)).replace("{value}", encodeURIComponent(data.facets[name].values[value]));
      }
    }
    const place = members ? new Map(members.map((b, k) => [b, k])) : null;
    const row = async (b) => {
      const at = place ? place.get(b) : b;
      const file = new URL(pattern.replace("{page}", String(Math.floor(at / data.pageSize) + 1)), ROOT);
      file.search = `v=${encodeURIComponent(data.version)}`;
      if (!data.rows.has(file.href)) data.rows.set(file.href, readJson(file.href));
      const [location, title, date, status] = (await data.rows.get(file.href))[at % data.pageSize];
      return { url: new URL(location, ROOT).pathname, meta: { title, date, status } };
    };
    if (order === "oldest") matches.reverse();
    return { results: matches.map((b) => ({ data: () => row(b) })), byFacet };
  }

  /* ---- Header field: on every page ---- */
  function headerSearch() {
    const inner = document.querySelector(".md-header__inner") || document.querySelector("header");
    if (!inner) return null;
    const form = element("form", "bsearch");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Quick search");  // the search page's own form is "Search with filters"
    form.action = new URL("search/", ROOT).href;
    const input = element("input", "bsearch__input");
    Object.assign(input, { type: "search", name: "q", placeholder: "Search", autocomplete: "off" });
    input.setAttribute("aria-label", "Search briefs (press / to focus)");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", "bsearch-listbox");
    const status = element("p", "bsearch__status");  // read out by screen readers, not shown
    status.setAttribute("role", "status");
    const panel = element("div", "bsearch__panel");
    panel.hidden = true;
    const none = element("p", "bsearch__none", "No briefs match.");
    const list = element("ul", "bsearch__list");
    list.id = "bsearch-listbox";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Search results");
    panel.append(none, list);
    form.append(input, status, panel);
    inner.insertBefore(form, inner.querySelector(".md-header__source"));

    let sequence = 0, timer = 0, active = -1;
    const options = () => [...list.querySelectorAll("a")];
    /* Each result is a link with the option role; focus stays in the field, which points at the chosen one. */
    function asOption(item, k) {
      item.setAttribute("role", "none");
      const link = item.querySelector("a");
      link.id = `bsearch-option-${k}`;
      link.setAttribute("role", "option");
      link.setAttribute("aria-selected", "false");
      return item;
    }
    function highlight(index) {
      const links = options();
      links.forEach((link, k) => {
        link.classList.toggle("bsearch--active", k === index);
        link.setAttribute("aria-selected", String(k === index));
      });
      active = index;
      if (links[index]) {
        input.setAttribute("aria-activedescendant", links[index].id);
        links[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      highlight(-1);
      status.textContent = "";
    }
    async function update() {
      const term = input.value.trim();
      const mine = ++sequence;
      if (term.length < MIN_CHARS) return close();
      const current = () => mine === sequence;
      const { briefs, pages } = await searchBriefs(term, {}, "relevance", current);
      if (!current()) return;
      const [briefData, pageData] = await Promise.all([load(briefs.results, HEADER_BRIEFS), load(pages.results, HEADER_PAGES)]);
      if (!current()) return;
      const items = [...briefData, ...pageData].map((data) => resultItem(data, "li"));
      const all = element("a", "bsearch__all", `All ${briefs.results.length.toLocaleString("en")} matching briefs, with filters →`);
      all.href = `${form.action}?q=${encodeURIComponent(term)}`;
      const allItem = element("li");
      allItem.append(all);
      list.replaceChildren(...[...items, allItem].map(asOption));
      none.hidden = items.length > 0;
      status.textContent = items.length ? `${items.length} ${items.length === 1 ? "result" : "results"}` : "No briefs match.";
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(-1);
    }
    input.addEventListener("focus", () => { pagefind(); });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(update, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", (event) => {
      const links = options();
      if (event.key === "ArrowDown" && links.length) {
        event.preventDefault();
        highlight((active + 1) % links.length);
      } else if (event.key === "ArrowUp" && links.length) {
        event.preventDefault();
        highlight(active <= 0 ? links.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0 && links[active]) {
        event.preventDefault();
        window.location.href = links[active].href;
      } else if (event.key === "Escape") {
        close();
      }
    });
    document.addEventListener("click", (event) => { if (!form.contains(event.target)) close(); });
    document.addEventListener("keydown", (event) => {
      const target = event.target;
      const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
    return input;
  }

  /* ---- The search page ---- */
  function searchPage() {
    const page = document.getElementById("bsearch-page");
    if (!page) return;
    const form = page.querySelector("form");
    const query = form.elements.q, sort = form.elements.sort;
    const selects = Object.fromEntries(FACETS.map((name) => [name, form.elements[name]]));
    const summary = page.querySelector(".bsearch-page__summary");
    const list = page.querySelector(".bsearch-page__results");
    const more = page.querySelector(".bsearch-page__more");
    const pagesBox = page.querySelector(".bsearch-page__pages");
    for (const select of Object.values(selects)) {
      for (const option of select.options) option.dataset.label = option.textContent;
    }
    let sequence = 0, timer = 0, current = null, shown = 0, sortChosen = false;
    /* A long facet (hundreds of actors) gets a field above its list that narrows it to the names typed. */
    const finders = {};
    for (const [name, select] of Object.entries(selects)) {
      if (select.options.length <= LONG_FACET) continue;
      const finder = element("input", "bsearch-page__find");
      Object.assign(finder, { type: "search", autocomplete: "off", placeholder: `Find: ${select.options.length - 1} to choose from` });
      finder.setAttribute("aria-label", `Find in the list of ${select.closest("label").querySelector("span").textContent.toLowerCase()}s`);
      select.id = `bsearch-facet-${name}`;
      select.closest("label").htmlFor = select.id;  // the label names the list, not the field put inside it
      select.before(finder);
      finders[name] = finder;
      finder.addEventListener("input", () => { narrow(select, finder); });
    }
    function narrow(select, finder) {
      const words = fold(finder.value.trim());
      for (const option of select.options) {
        if (!option.value) continue;
        option.hidden = option.dataset.empty === "true" && option.value !== select.value
          || Boolean(words) && !fold(option.dataset.label).includes(words);
      }
      select.size = words ? Math.min(8, Math.max(2, [...select.options].filter((o) => !o.hidden).length)) : 0;
    }

    function readUrl() {
      const params = new URLSearchParams(window.location.search);
      query.value = params.get("q") || "";
      const asked = params.get("sort");
      sortChosen = asked in ORDERS;  // an order the reader chose stays; else it follows the words
      sort.value = sortChosen ? asked : query.value.trim() ? "relevance" : "date";
      for (const [name, select] of Object.entries(selects)) {
        const value = params.get(name) || "";
        if (value && ![...select.options].some((option) => option.value === value)) {
          select.append(new Option(value, value)); // an id the page does not list still filters
          select.lastElementChild.dataset.label = value;
        }
        select.value = value;
      }
    }
    function chosen() {
      return Object.fromEntries(Object.entries(selects).filter(([, s]) => s.value).map(([name, s]) => [name, s.value]));
    }
    function writeUrl(push) {
      const params = new URLSearchParams();
      if (query.value.trim()) params.set("q", query.value.trim());
      for (const [name, value] of Object.entries(chosen())) params.set(name, value);
      if (sortChosen) params.set("sort", sort.value);
      const url = `${window.location.pathname}${params.toString() ? `?${params}` : ""}`;
      if (url !== `${window.location.pathname}${window.location.search}`) {
        history[push ? "pushState" : "replaceState"](null, "", url);
      }
    }
    /* A facet's counts: the briefs matching the query and every other chosen filter. */
    async function counts(module, term, facets, briefs) {
      const byFacet = {};
      for (const name of FACETS) {
        const others = { ...facets };
        delete others[name];
        const search = name in facets
          ? await module.search(term || null, { filters: Object.keys(others).length ? others : { ...NOT_A_BRIEF } })
          : briefs;
        byFacet[name] = search.filters[name] || {};
      }
      return byFacet;
    }
    function showCounts(byFacet) {
      for (const [name, select] of Object.entries(selects)) {
        for (const option of select.options) {
          if (!option.value) continue;
          const count = byFacet[name][option.value] || 0;
          option.textContent = `${option.dataset.label} (${count.toLocaleString("en")})`;
          option.dataset.empty = String(count === 0);
          option.hidden = count === 0 && option.value !== select.value;
        }
        if (finders[name]) narrow(select, finders[name]);
      }
    }
    async function showMore() {
      const batch = await load(current.results.slice(shown), PAGE_SIZE);
      batch.forEach((data) => list.append(resultItem(data, "li")));
      shown += batch.length;
      more.hidden = shown >= current.results.length;
    }
    async function fromPagefind(term, facets, order, live) {
      await (await pagefind()).filters(); // counts come back only once every filter is loaded
      if (!live()) return null;
      const { module, briefs, pages } = await searchBriefs(term, facets, order, live);
      if (!live()) return null;
      const [byFacet, first, pageData] = await Promise.all([
        counts(module, term, facets, briefs), load(briefs.results, PAGE_SIZE), load(pages.results, HEADER_PAGES),
      ]);
      return { briefs, byFacet, first, pageData };
    }
    /* No words: the build's lists hold the briefs and counts; Pagefind would load its whole index. */
    async function fromLists(facets, order) {
      const briefs = await listedBriefs(new URL(page.dataset.lists, window.location.href).href, facets, order);
      return { briefs, byFacet: briefs.byFacet, first: await load(briefs.results, PAGE_SIZE), pageData: [] };
    }
    async function run() {
      const mine = ++sequence;
      const live = () => mine === sequence;
      page.setAttribute("aria-busy", "true");
      const term = query.value.trim();
      const facets = chosen();
      const order = sort.value === "relevance" && !term ? "date" : sort.value;  // no words, nothing to rank by
      sort.querySelector('option[value="relevance"]').disabled = !term;
      const listed = !term && page.dataset.lists ? await fromLists(facets, order).catch(() => null) : null;  // a site without lists: Pagefind
      const found = listed || (live() ? await fromPagefind(term, facets, order, live) : null);
      if (!found || mine !== sequence) return;
      const { briefs, byFacet, first, pageData } = found;
      current = briefs;
      shown = first.length;
      showCounts(byFacet);
      const n = briefs.results.length;
      summary.textContent = `${n.toLocaleString("en")} ${n === 1 ? "brief" : "briefs"}${term ? ` for “${term}”` : ""}` +
        `${Object.keys(facets).length ? " with these filters" : ""}, ${ORDERS[order]}.`;
      list.replaceChildren(...first.map((data) => resultItem(data, "li")));
      more.hidden = shown >= n;
      pagesBox.replaceChildren();
      if (pageData.length) {
        pagesBox.append(element("h2", "", "Actors, rounds and topics"));
        const pageList = element("ul", "bsearch-page__list");
        pageData.forEach((data) => pageList.append(resultItem(data, "li")));
        pagesBox.append(pageList);
      }
      page.setAttribute("aria-busy", "false");
    }

    readUrl();
    form.addEventListener("submit", (event) => { event.preventDefault(); writeUrl(true); run(); });
    query.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!sortChosen) sort.value = query.value.trim() ? "relevance" : "date";
        writeUrl(false);
        run();
      }, DEBOUNCE_MS);
    });
    sort.addEventListener("change", () => { sortChosen = true; });
    for (const control of [...Object.values(selects), sort]) {
      control.addEventListener("change", () => { writeUrl(true); run(); });
    }
    more.addEventListener("click", showMore);
    window.addEventListener("popstate", () => { readUrl(); run(); });
    page.classList.add("bsearch-page--ready");
    run();
  }

  /* ---- A topic's positions (/positions/<topic>/): filter the rows by actor name and stance ---- */
  function positionsFilter() {
    const form = document.querySelector("form.positions-filter");
    if (!form) return;
    const rows = [...document.querySelectorAll("table.positions-table tbody tr")];
    const count = form.querySelector("output");
    const names = rows.map((row) => fold(row.querySelector("th").textContent));
    function apply() {
      const words = fold(form.elements.actor.value.trim());
      const stance = form.elements.stance.value;
      let shown = 0;
      rows.forEach((row, k) => {
        row.hidden = !(names[k].includes(words) && (!stance || row.dataset.stance === stance));
        shown += row.hidden ? 0 : 1;
      });
      count.textContent = `${shown.toLocaleString("en")} of ${rows.length.toLocaleString("en")} actors shown`;
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
    apply();
  }

  headerSearch();
  searchPage();
  positionsFilter();
})();
