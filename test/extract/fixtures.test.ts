import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { extractPage } from '../../src/extract/index.js'
import type { LinkKind } from '../../src/extract/index.js'

interface Want {
  title: string
  authors: string[]
  published: string | null
  updated?: string | null
  siteName: string | null
  canonicalUrl?: string | null
  lang?: string | null
  excerptStart: string
  feeds?: string[]
  crossRefs: Array<{ heading: string; entries: Array<{ url: string; claimedAuthor: string | null; claimedSite: string | null }> }>
  kinds?: Record<string, LinkKind | undefined>
}

const cases: Array<{ name: string; file: string; url: string; want: Want }> = [
  {
    name: 'WordPress 2009, hAtom markup',
    file: 'wordpress-2009-hatom.html',
    url: 'http://mavendigital.example/2009/04/web-20-expo-why-social-media-marketing-fails.html',
    want: {
      title: 'Web 2.0 Expo: Why Social Media Marketing Fails',
      authors: ['Jessica Valenzuela'],
      published: '2009-04-01T14:05:00+00:00',
      siteName: 'Maven Digital Mashup',
      lang: 'en-US',
      excerptStart: 'Notes from this morning’s panel with Peter Kim',
      feeds: ['http://mavendigital.example/feed/', 'http://mavendigital.example/2009/04/web-20-expo-why-social-media-marketing-fails.html/feed/'],
      crossRefs: [
        {
          heading: 'Also blogged by:',
          entries: [
            { url: 'http://blog.example/2009/04/introduction-of-social-media-in.html', claimedAuthor: 'Holger Nauheimer', claimedSite: 'Change Facilitation Blog' },
            { url: 'http://brasstacks.example/2009/04/01/why-social-media-marketing-fails-and-how-to-fix-it/', claimedAuthor: 'Susan Etlinger', claimedSite: 'Brass Tacks' },
            { url: 'http://blogs.zdnet.example/feeds/?p=398', claimedAuthor: 'Jennifer Leggio', claimedSite: 'ZDNet' },
          ],
        },
      ],
      kinds: {
        'http://mavendigital.example/tag/web20expo/': 'nav', // rel=tag inside the entry
        'http://mavendigital.example/2008/11/social-media-roi.html': 'nav', // YARPP related posts
        'http://spam.example/cheap-pills': 'comment',
        'http://marketingmystic.example/': 'nav', // blogroll
      },
    },
  },
  {
    name: 'WordPress with Yoast JSON-LD graph',
    file: 'wordpress-jsonld.html',
    url: 'https://notes.example/2023/05/recap-remote-facilitation/',
    want: {
      title: 'Recap: the future of remote facilitation',
      authors: ['Priya Raman'],
      published: '2023-05-10T08:00:00+02:00',
      updated: '2023-05-12T11:30:00+02:00',
      siteName: 'Facilitation Notes',
      canonicalUrl: 'https://notes.example/2023/05/recap-remote-facilitation/',
      lang: 'en-GB',
      excerptStart: 'A recap of the remote facilitation panel at FacilCon 2023',
      // the REST API and oEmbed alternates are not feeds
      feeds: ['https://notes.example/feed/', 'https://notes.example/comments/feed/'],
      crossRefs: [
        {
          heading: 'Related coverage',
          entries: [
            { url: 'https://www.conference-diary.example/facilcon-2023-day-one/', claimedAuthor: 'Tom Becker', claimedSite: 'Conference Diary' },
            { url: 'https://ana.blog.example/2023/05/11/facilcon/', claimedAuthor: 'Ana Souza', claimedSite: 'Facilitating Change' },
            { url: 'https://workshopweekly.example/remote-panel', claimedAuthor: null, claimedSite: 'Workshop Weekly' },
          ],
        },
      ],
      kinds: {
        'https://facilcon.example/2023/slides': 'body',
        'https://notes.example/2022/11/hybrid-meetings/': 'nav', // Jetpack related posts
        'https://tom.example/': 'comment',
        'https://notes.example/privacy/': 'nav', // cookie banner
        'https://notes.example/2023/05/': 'nav',
      },
    },
  },
  {
    name: 'TypePad 2009',
    file: 'typepad.html',
    url: 'http://brasstacks.example/blog/2009/04/why-social-media-marketing-fails.html',
    want: {
      title: 'Why Social Media Marketing Fails (and How to Fix It)',
      authors: ['Susan Etlinger'],
      published: '2009-04-01T23:45:00',
      siteName: 'Brass Tacks',
      excerptStart: 'I spent the first session of Web 2.0 Expo',
      feeds: ['http://brasstacks.example/blog/atom.xml', 'http://brasstacks.example/blog/index.rdf', 'http://brasstacks.example/blog/rss.xml'],
      crossRefs: [
        {
          heading: 'See also',
          entries: [
            { url: 'http://blog.example/2009/04/introduction-of-social-media-in.html', claimedAuthor: 'Holger Nauheimer', claimedSite: null },
            { url: 'http://mavendigital.example/2009/04/web-20-expo-why-social-media-marketing-fails.html', claimedAuthor: 'Jessica Valenzuela', claimedSite: null },
          ],
        },
      ],
      kinds: {
        'http://marketingmystic.example/': 'nav', // "Elsewhere" sidebar module is not coverage
        'http://mavendigital.example/': 'comment',
      },
    },
  },
  {
    name: 'news site with NewsArticle JSON-LD, <base href> and a related-articles list',
    file: 'news-jsonld.html',
    url: 'https://www.dailyexample.example/business/2024/03/12/conference-ticket-pricing-inquiry',
    want: {
      title: 'Regulators open inquiry into conference ticket pricing',
      authors: ['Alice Smith', 'Bob Jones'],
      published: '2024-03-12T10:20:00-04:00',
      updated: '2024-03-12T16:05:00-04:00',
      siteName: 'The Daily Example',
      canonicalUrl: 'https://www.dailyexample.example/business/2024/03/12/conference-ticket-pricing-inquiry',
      lang: 'en',
      // the standfirst under the headline is the editors' summary
      excerptStart: 'Attendees say prices jumped overnight as registration closed',
      // resolved against <base href>
      feeds: ['https://www.dailyexample.example/rss/business.xml', 'https://www.dailyexample.example/feeds/business.json'],
      crossRefs: [
        {
          heading: 'More coverage:',
          entries: [
            { url: 'https://www.othernews.example/2024/03/12/ftc-conference-tickets', claimedAuthor: null, claimedSite: null },
            { url: 'https://tradepress.example/events/pricing-probe', claimedAuthor: null, claimedSite: null },
          ],
        },
      ],
      kinds: { 'https://www.dailyexample.example/business/2024/03/01/airline-fees': 'nav' },
    },
  },
  {
    name: 'Medium-like page',
    file: 'medium.html',
    url: 'https://medium.example/@carolwriter/what-i-learned-running-50-remote-retrospectives-5f1c2d3e4b5a',
    want: {
      title: 'What I learned running 50 remote retrospectives',
      authors: ['Carol Writer'],
      published: '2021-09-14T16:03:11Z',
      siteName: 'Medium',
      excerptStart: 'Fifty retrospectives, four time zones',
      feeds: [],
      crossRefs: [
        {
          heading: 'Other write-ups from the same meetup:',
          entries: [
            { url: 'https://dev.example/dana/remote-retros-meetup-notes', claimedAuthor: 'Dana Lee', claimedSite: 'dev.example' },
            { url: 'https://agileblog.example/2021/09/retros-at-scale/', claimedAuthor: null, claimedSite: 'Agile Blog' },
          ],
        },
      ],
    },
  },
  {
    name: 'Ghost theme (post-full-*)',
    file: 'ghost.html',
    url: 'https://ghostly.example/facilitating-in-the-open/',
    want: {
      title: 'Facilitating in the open',
      authors: ['Frank Ocean-Smith'],
      published: '2019-07-12T09:00:00Z',
      updated: '2019-07-13T10:00:00Z',
      siteName: 'Ghostly Notes',
      excerptStart: 'Open facilitation notes from the spring unconference.',
      crossRefs: [
        {
          heading: 'Further reading',
          // the same-blog tag link is not coverage
          entries: [{ url: 'https://openspace.example/blog/spring-unconference-recap', claimedAuthor: 'Grace Hopkins', claimedSite: null }],
        },
      ],
    },
  },
  {
    name: 'Substack-like page with an inline "also written up by"',
    file: 'substack.html',
    url: 'https://workshopletters.example/p/the-week-in-workshops',
    want: {
      title: 'The week in workshops',
      authors: ['Hannah Ito'],
      published: '2022-02-04T13:00:00+00:00',
      siteName: 'Workshop Letters',
      excerptStart: 'Three workshops, two failures',
      crossRefs: [
        {
          heading: 'Also written up by',
          entries: [
            { url: 'https://ivan.example/posts/workshop-week', claimedAuthor: 'Ivan Petrov', claimedSite: null },
            { url: 'https://julia.example/2022/02/notes', claimedAuthor: 'Julia Chen', claimedSite: null },
          ],
        },
      ],
    },
  },
  {
    name: 'conflicting sources: evidence beats trust order',
    file: 'conflicting.html',
    url: 'https://conflict.example/2019/06/04/bike-lanes',
    want: {
      // JSON-LD headline and og:title carry " | Conflict Times"; the h1 does not
      title: 'City council approves new bike lanes',
      // JSON-LD says Evan Marsh and meta says admin; the visible byline says Dana Lee
      authors: ['Dana Lee'],
      // JSON-LD datePublished is in the future (after fetchedAt) and is rejected
      published: '2019-06-04',
      siteName: 'Conflict Times',
      // the meta description is site boilerplate; the first paragraph wins
      excerptStart: 'The city council voted 7–2 on Monday night',
      crossRefs: [],
    },
  },
]

const fetchedAt = new Date('2025-01-01T00:00:00Z')

for (const { name, file, url, want } of cases) {
  test(`fixture: ${name}`, () => {
    const html = readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')
    const page = extractPage(html, url, { fetchedAt })
    assert.equal(page.title, want.title)
    assert.deepEqual(page.authors, want.authors)
    assert.equal(page.published, want.published)
    if (want.updated !== undefined) assert.equal(page.updated, want.updated)
    assert.equal(page.siteName, want.siteName)
    if (want.canonicalUrl !== undefined) assert.equal(page.canonicalUrl, want.canonicalUrl)
    if (want.lang !== undefined) assert.equal(page.lang, want.lang)
    assert.ok(page.excerpt?.startsWith(want.excerptStart), `excerpt was ${JSON.stringify(page.excerpt)}`)
    if (want.feeds) assert.deepEqual(page.feeds.map((f) => f.url), want.feeds)
    assert.deepEqual(
      page.crossRefs.map((s) => ({ heading: s.heading, entries: s.entries.map(({ url, claimedAuthor, claimedSite }) => ({ url, claimedAuthor, claimedSite })) })),
      want.crossRefs,
    )
    const crossrefLinks = page.links.filter((l) => l.kind === 'crossref').map((l) => l.url)
    assert.deepEqual(crossrefLinks, want.crossRefs.flatMap((s) => s.entries.map((e) => e.url)))
    for (const [link, kind] of Object.entries(want.kinds ?? {})) {
      assert.equal(page.links.find((l) => l.url === link)?.kind, kind, `kind of ${link}`)
    }
  })
}
