import { test } from 'node:test'
import assert from 'node:assert/strict'
import { doc, extract, PROSE } from './helpers.js'
import { withoutTrailingByline } from '../../src/extract/excerpt.js'

// Round 3 rules: which description or standfirst becomes the excerpt.
const LEAD = 'The panel spent most of the hour on measurement'
const DEK = 'Counting followers says little about success, the panel agreed on Tuesday.'
const SHARE = 'Why follower counts mislead, and what the panel would measure instead of them.'
const SEO = 'A report from the measurement panel at the spring conference, with notes on every talk.'
const H1 = '<h1>Measurement panel report</h1>'

const cases: Array<{ name: string; html: string; want: RegExp }> = [
  {
    name: 'og/twitter description beats description + JSON-LD when they disagree',
    html: doc(
      `<article>${H1}${PROSE}</article>`,
      `<meta property="og:description" content="${SHARE}"><meta name="twitter:description" content="${SHARE}"><meta name="description" content="${SEO}">` +
        `<script type="application/ld+json">{"@type":"BlogPosting","headline":"Measurement panel report","description":"${SEO}"}</script>`,
    ),
    want: /^Why follower counts mislead/,
  },
  {
    name: 'a description cut short ("…") loses to the same text in full, whatever the source',
    html: doc(
      `<article>${H1}${PROSE}</article>`,
      `<meta property="og:description" content="Why follower counts mislead, and what the panel would ..."><meta name="twitter:description" content="Why follower counts mislead, and what the panel would ..."><meta name="description" content="${SHARE} It also named three better measures.">` +
        `<script type="application/ld+json">{"@type":"BlogPosting","headline":"Measurement panel report","description":"${SHARE} It also named three better measures."}</script>`,
    ),
    want: /three better measures\.$/,
  },
  {
    name: 'an embed URL at the start of a description is dropped',
    html: doc(`<article>${H1}${PROSE}</article>`, `<meta name="description" content="https://video.example/watch?v=abc123 ${SHARE}">`),
    want: new RegExp(`^${SHARE}$`),
  },
  {
    name: 'a description that is a section heading of the body is no summary',
    html: doc(
      `<article>${H1}<div class="entry-content"><h2>Why do follower counts mislead us so often?</h2>${PROSE}<h2>What the panel measures instead</h2><p>More prose here, enough to be a paragraph of its own in the post body.</p></div></article>`,
      `<meta property="og:description" content="Why do follower counts mislead us so often?"><meta name="twitter:description" content="Why do follower counts mislead us so often?"><meta name="description" content="${SHARE}">`,
    ),
    want: /^Why follower counts mislead, and what/,
  },
  {
    name: 'a standfirst between the headline and a post container that starts below it',
    html: doc(`<div class="top">${H1}<h2 class="deck">${DEK}</h2></div><div class="story"><div class="entry-content">${PROSE}</div></div>`, `<meta name="description" content="${SHARE}">`),
    want: /^Counting followers says little/,
  },
  {
    name: 'a header block that holds the headline is not the standfirst, its sub-title is',
    html: doc(`<article><div class="lead-content"><h1>Measurement panel report</h1><p class="lead-content__sub-title">${DEK}</p></div><div class="entry-content">${PROSE}</div></article>`),
    want: new RegExp(`^${DEK}$`),
  },
  {
    name: 'the innermost marked element wins over a marked wrapper with the byline',
    html: doc(`<article>${H1}<div class="header__dek-contributions"><div class="header__dek">${DEK}</div><div class="contributor">by Jane Roe, May 26, 2016, 10:14pm Share Tweet</div></div><div class="entry-content">${PROSE}</div></article>`),
    want: new RegExp(`^${DEK}$`),
  },
  {
    name: 'a "subtitle" style repeated down the body marks section headings, not a standfirst',
    html: doc(
      `<article>${H1}<div class="entry-content"><h2 class="subtitle">Gewerkschaft: Besser um Nachwuchs kümmern, sagt sie</h2>${PROSE}<h2 class="subtitle">Städtetag weist auf hohe Belastung hin</h2><p>Noch mehr Text, lang genug für einen eigenen Absatz im Beitrag selbst.</p></div></article>`,
      `<meta name="description" content="${SHARE}">`,
    ),
    want: /^Why follower counts mislead/,
  },
  {
    name: 'adjacent subtitles styled alike are one standfirst in parts',
    html: doc(`<article>${H1}<div class="subtitles"><h2 class="subtitle">The panel agreed that follower counts say little,</h2><h2 class="subtitle">and proposed three better measures for next year.</h2></div><div class="entry-content">${PROSE}</div></article>`),
    want: /^The panel agreed that follower counts say little, and proposed three better measures/,
  },
  {
    name: 'line breaks inside a standfirst become spaces',
    html: doc(`<article>${H1}<h2 class="sub-title">First line of the standfirst here<br>second line of the standfirst there</h2><div class="entry-content">${PROSE}</div></article>`),
    want: /^First line of the standfirst here second line/,
  },
  {
    name: 'a standfirst named by data-testid',
    html: doc(`<article>${H1}<p data-testid="standfirst">${DEK}</p><div class="entry-content">${PROSE}</div></article>`),
    want: new RegExp(`^${DEK}$`),
  },
  {
    name: 'a CSS-module class names the lead ("Article_elementLead__x7Q")',
    html: doc(`<article>${H1}<div class="Article_elementLead__x7Q2"><p>${DEK}</p></div><div class="entry-content">${PROSE}</div></article>`),
    want: new RegExp(`^${DEK}$`),
  },
  {
    name: 'camel case outside CSS modules is not split ("detailSummary" is no standfirst token)',
    html: doc(`<article>${H1}<div class="detailSummary">${SHARE} Even more words here.</div><div class="entry-content">${PROSE}</div></article>`),
    want: new RegExp(`^${LEAD}`),
  },
]

for (const { name, html, want } of cases) {
  test(`excerpt choice: ${name}`, () => assert.match(extract(html).excerpt ?? '', want))
}

test('excerpt choice: a trailing byline sentence is cut off descriptions', () => {
  const html = doc(`<article>${H1}${PROSE}</article>`, `<meta name="description" content="${SHARE} Von Christin Jordan.">`)
  assert.equal(extract(html).excerpt, SHARE)
})

const bylines: Array<[string, string]> = [
  ['Nach 42 Sitzungen ist die Beweisaufnahme beendet. Was bleibt? Von Christin Jordan.', 'Nach 42 Sitzungen ist die Beweisaufnahme beendet. Was bleibt?'],
  ['The court ruled on Tuesday that the sale can go ahead. By Jane van Roe', 'The court ruled on Tuesday that the sale can go ahead.'],
  // Not a byline: "by" inside the sentence, or more than a name after it.
  ['A new study written by Jane Roe finds that most panels run long.', 'A new study written by Jane Roe finds that most panels run long.'],
  ['The sale can go ahead, the court ruled. By the end of the year it will be done.', 'The sale can go ahead, the court ruled. By the end of the year it will be done.'],
  ['Short. By Jane Roe.', 'Short. By Jane Roe.'],
]
for (const [input, want] of bylines) {
  test(`withoutTrailingByline: ${JSON.stringify(input)}`, () => assert.equal(withoutTrailingByline(input), want))
}
