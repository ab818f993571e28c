// The report page (eastsyria report -o FILE.html): sort and search the table, and show an
// event's card when its row or its mark in a picture is clicked. No library, nothing
// fetched; every string from the data goes in with textContent, never as HTML. The rows are
// written here from the events' data, a page of them at a time, and a card only when it is
// opened: a page of 100,000 events opens, searches and sorts without a node per event.
"use strict";
(function () {
  const events = JSON.parse(document.getElementById("events-data").textContent);
  const byId = new Map(events.map((event, index) => [event.id, index]));
  const table = document.getElementById("events-table");
  const tbody = table ? table.tBodies[0] : null;
  const pager = document.querySelector("nav.pager");
  const marks = Array.from(document.querySelectorAll("g.__EVENT_CLASS__[data-id]"));
  const dialog = document.getElementById("card");
  const search = document.getElementById("search");
  const count = document.getElementById("count");
  const columns = table ? Array.from(table.tHead.rows[0].cells) : [];
  const labels = columns.map((header) => header.textContent.trim());
  // Rows a page of the table holds.
  const PAGE = 200;
  // The events' indexes in the order sorted (the data's own: by date), those of them the
  // search keeps (`matching[index]`: all while there is no search), the page shown, and the
  // event whose card is open.
  let order = events.map((_, index) => index);
  let matching = null;
  let shown = order;
  let page = 0;
  let current = null;

  // An element with attributes and children; a string child becomes a text node.
  function el(name, attrs, ...children) {
    const made = document.createElement(name);
    for (const [key, value] of Object.entries(attrs || {})) made.setAttribute(key, value);
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === "") continue;
      made.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return made;
  }

  // A link to a source section; its label alone where there is no http(s) address.
  function link(label, url) {
    if (!url || !/^https?:\/\//i.test(url)) return label;
    return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, label);
  }

  function names(items) {
    return items.map((item) => item.name).join(", ");
  }

  // -- the table, a page at a time -------------------------------------------------------------

  function row(index) {
    const event = events[index];
    const title = [event.title];
    if (event.disputes.length) {
      title.push(" ", el("span", { class: "flag", title: "the sources disagree" }, "disputed"));
    }
    const cells = [
      el("time", { datetime: event.start, title: event.date }, event.short_date),
      title,
      names(event.places),
      names(event.actors),
      event.type,
    ];
    const made = el(
      "tr",
      { "data-id": event.id, "data-start": event.start, "data-end": event.end, tabindex: "0" },
      cells.map((cell, column) => el("td", { "data-label": labels[column] }, cell))
    );
    if (event.id === current) made.classList.add("current");
    return made;
  }

  function render() {
    if (!tbody) return;
    const pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(Math.max(page, 0), pages - 1);
    const start = page * PAGE;
    const end = Math.min(start + PAGE, shown.length);
    tbody.replaceChildren(...shown.slice(start, end).map(row));
    pager.hidden = shown.length <= PAGE;
    pager.querySelector(".rows").textContent =
      `Rows ${(start + 1).toLocaleString("en")}–${end.toLocaleString("en")} of ` +
      shown.length.toLocaleString("en");
    pager.querySelector(".previous").disabled = page === 0;
    pager.querySelector(".next").disabled = page === pages - 1;
  }

  function turn(step) {
    page += step;
    render();
    table.scrollIntoView({ block: "start" });
  }

  // -- searching ------------------------------------------------------------------------------

  // Lower case, accents dropped: "Mayadīn" and "mayadin" are the same word to a search.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Every word a search looks in: title, summary, dates, type, campaign, places with their
  // other names, actors with their sides. Made when the page is idle, or on the first search.
  let haystacks = null;

  function haystack(event) {
    const words = [event.title, event.summary, event.date, event.short_date, event.type,
      event.campaign_name];
    for (const place of event.places) words.push(place.name, ...place.aliases);
    for (const actor of event.actors) words.push(actor.name, actor.side);
    return fold(words.join("\n"));
  }

  function filter() {
    const wanted = fold(search.value).split(/\s+/).filter(Boolean);
    if (wanted.length) {
      if (!haystacks) haystacks = events.map(haystack);
      matching = haystacks.map((text) => wanted.every((word) => text.includes(word)));
      shown = order.filter((index) => matching[index]);
    } else {
      matching = null;
      shown = order;
    }
    page = 0;
    render();
    for (const mark of marks) {
      const index = byId.get(mark.dataset.id);
      mark.classList.toggle("dim", matching !== null && !matching[index]);
    }
    const total = events.length;
    const both = `${shown.length.toLocaleString("en")} of ${total.toLocaleString("en")}`;
    count.textContent = `${both} ${count.dataset.noun}${total === 1 ? "" : "s"}`;
  }

  // -- sorting --------------------------------------------------------------------------------

  const sortKeys = {
    date: (event) => `${event.start} ${event.end}`,
    title: (event) => event.title,
    places: (event) => names(event.places),
    actors: (event) => names(event.actors),
    type: (event) => event.type,
  };

  function sortBy(header) {
    const key = header.querySelector("button").dataset.key;
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    for (const other of columns) other.removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const keys = events.map(sortKeys[key]);
    const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
    const compare = key === "date"
      ? (a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0)
      : (a, b) => collator.compare(keys[a], keys[b]);
    // The table's own order (by date) breaks ties, so a sort is the same every time.
    order = events.map((_, index) => index).sort((a, b) => compare(a, b) || a - b);
    if (!ascending) order.reverse();
    shown = matching === null ? order : order.filter((index) => matching[index]);
    page = 0;
    render();
  }

  // -- the card -------------------------------------------------------------------------------

  function field(name, ...values) {
    const kept = values.flat().filter((value) => value !== null && value !== "");
    return kept.length ? [el("dt", null, name), el("dd", null, ...kept)] : [];
  }

  function list(items) {
    return items.length ? el("ul", null, items.map((item) => el("li", null, item))) : null;
  }

  function card(event) {
    const date = [event.date, event.span ? el("span", { class: "aside" }, ` (some day in ${event.span})`) : null];
    const places = event.places.map((place) => {
      const within = place.within.length ? `; ${place.within.join(", ")}` : "";
      return [place.name, el("span", { class: "aside" }, ` (${place.kind}${within})`)];
    });
    const actors = event.actors.map((actor) => [
      el("span", { class: "swatch", style: `background:${actor.colour}` }),
      actor.name,
      el("span", { class: "aside" }, ` (${actor.side}, ${actor.role})`),
    ]);
    const casualties = event.casualties.map((claim) => [claim.text, " [", link(claim.label, claim.url), "]"]);
    const disputes = event.disputes.map((dispute) =>
      el("section", null,
        el("h3", null, `Sources disagree: ${dispute.topic}`),
        el("p", null, dispute.summary),
        list(dispute.claims.map((claim) => [
          claim.statement, " — ", link(claim.source, claim.url),
          claim.claimant ? ` (${claim.claimant})` : "",
        ])))
    );
    return [
      el("h2", { id: "card-title" }, event.title),
      el("div", { class: "id" }, event.id),
      el("dl", null,
        field("Date", date),
        field("Type", `${event.type} · ${event.campaign_name}`),
        field("Places", list(places)),
        field("Actors", list(actors)),
        field("Control", list(event.control)),
        field("Casualties", list(casualties)),
        field("Summary", event.summary),
        field("Sources", list(event.sources.map((source) => link(source.label, source.url))))),
      ...disputes,
    ];
  }

  function show(id) {
    const index = byId.get(id);
    if (index === undefined) return;
    current = id;
    const body = document.getElementById("card-body");
    body.replaceChildren(...card(events[index]));
    if (tbody) for (const made of tbody.rows) made.classList.toggle("current", made.dataset.id === id);
    for (const mark of marks) mark.classList.toggle("current", mark.dataset.id === id);
    if (!dialog.open) dialog.showModal();
    dialog.scrollTop = 0;
  }

  // -- wiring ---------------------------------------------------------------------------------

  function pressed(key) {
    return key.key === "Enter" || key.key === " ";
  }

  for (const header of columns) {
    header.querySelector("button").addEventListener("click", () => sortBy(header));
  }
  if (tbody) {
    tbody.addEventListener("click", (click) => {
      const clicked = click.target.closest("tr");
      if (clicked) show(clicked.dataset.id);
    });
    tbody.addEventListener("keydown", (key) => {
      const focused = key.target.closest("tr");
      if (focused && pressed(key)) {
        key.preventDefault();
        show(focused.dataset.id);
      }
    });
    pager.querySelector(".previous").addEventListener("click", () => turn(-1));
    pager.querySelector(".next").addEventListener("click", () => turn(1));
    render();
    // The search's words, once the page is shown: at 100,000 events they take a second.
    if (window.requestIdleCallback) {
      requestIdleCallback(() => { if (!haystacks) haystacks = events.map(haystack); });
    }
  }
  for (const mark of marks) {
    mark.setAttribute("tabindex", "0");
    mark.setAttribute("role", "button");
    mark.addEventListener("click", () => show(mark.dataset.id));
    mark.addEventListener("keydown", (key) => {
      if (pressed(key)) {
        key.preventDefault();
        show(mark.dataset.id);
      }
    });
  }
  if (search) search.addEventListener("input", filter);
  dialog.querySelector(".close").addEventListener("click", () => dialog.close());
  // A click on the backdrop (outside the card) closes it too.
  dialog.addEventListener("click", (click) => {
    if (click.target === dialog) dialog.close();
  });
})();
