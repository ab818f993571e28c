// The report page (eastsyria report -o FILE.html): sort and search the table, and show an
// event's card when its row or its mark in a picture is clicked. No library, nothing
// fetched; every string from the data goes in with textContent, never as HTML.
"use strict";
(function () {
  const events = JSON.parse(document.getElementById("events-data").textContent);
  const byId = new Map(events.map((event) => [event.id, event]));
  const table = document.getElementById("events-table");
  const rows = table ? Array.from(table.tBodies[0].rows) : [];
  const marks = Array.from(document.querySelectorAll("g.__EVENT_CLASS__[data-id]"));
  const dialog = document.getElementById("card");
  const search = document.getElementById("search");
  const count = document.getElementById("count");

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

  // -- searching ------------------------------------------------------------------------------

  // Lower case, accents dropped: "Mayadīn" and "mayadin" are the same word to a search.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Every word a search looks in: title, summary, dates, type, campaign, places with their
  // other names, actors with their sides.
  const haystacks = new Map(
    events.map((event) => {
      const words = [event.title, event.summary, event.date, event.short_date, event.type,
        event.campaign_name];
      for (const place of event.places) words.push(place.name, ...place.aliases);
      for (const actor of event.actors) words.push(actor.name, actor.side);
      return [event.id, fold(words.join("\n"))];
    })
  );

  function filter() {
    const wanted = fold(search.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const text = haystacks.get(row.dataset.id) || "";
      const match = wanted.every((word) => text.includes(word));
      row.hidden = !match;
      if (match) shown += 1;
    }
    const matching = new Set(rows.filter((row) => !row.hidden).map((row) => row.dataset.id));
    for (const mark of marks) mark.classList.toggle("dim", !matching.has(mark.dataset.id));
    const total = rows.length;
    count.textContent = `${shown} of ${total} event${total === 1 ? "" : "s"}`;
  }

  // -- sorting --------------------------------------------------------------------------------

  const columns = table ? Array.from(table.tHead.rows[0].cells) : [];

  function sortKey(row, key, index) {
    if (key === "date") return `${row.dataset.start} ${row.dataset.end}`;
    return row.cells[index].textContent.trim();
  }

  function sortBy(header) {
    const index = columns.indexOf(header);
    const key = header.querySelector("button").dataset.key;
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    for (const other of columns) other.removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
    // The table's own order (by date) breaks ties, so a sort is the same every time.
    const sorted = rows
      .map((row, position) => [sortKey(row, key, index), position, row])
      .sort((a, b) => collator.compare(a[0], b[0]) || a[1] - b[1]);
    if (!ascending) sorted.reverse();
    table.tBodies[0].append(...sorted.map((item) => item[2]));
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
    const event = byId.get(id);
    if (!event) return;
    const body = document.getElementById("card-body");
    body.replaceChildren(...card(event));
    for (const row of rows) row.classList.toggle("current", row.dataset.id === id);
    for (const mark of marks) mark.classList.toggle("current", mark.dataset.id === id);
    if (!dialog.open) dialog.showModal();
    dialog.scrollTop = 0;
  }

  // -- wiring ---------------------------------------------------------------------------------

  for (const header of columns) {
    header.querySelector("button").addEventListener("click", () => sortBy(header));
  }
  for (const row of rows) {
    row.addEventListener("click", () => show(row.dataset.id));
    row.addEventListener("keydown", (key) => {
      if (key.key === "Enter" || key.key === " ") {
        key.preventDefault();
        show(row.dataset.id);
      }
    });
  }
  for (const mark of marks) {
    mark.setAttribute("tabindex", "0");
    mark.setAttribute("role", "button");
    mark.addEventListener("click", () => show(mark.dataset.id));
    mark.addEventListener("keydown", (key) => {
      if (key.key === "Enter" || key.key === " ") {
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
