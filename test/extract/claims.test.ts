import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseClaim } from '../../src/extract/index.js'

const cases: Array<{ name: string; entry: string; anchor?: string; want: [string | null, string | null] }> = [
  { name: 'Name, Blog', entry: 'Jessica Valenzuela, Maven Digital Mashup', want: ['Jessica Valenzuela', 'Maven Digital Mashup'] },
  { name: 'Name, Org, Blog name', entry: 'Susan Etlinger, Horn Group, Brass Tacks blog', want: ['Susan Etlinger', 'Brass Tacks blog'] },
  { name: 'Name, brand', entry: 'Jennifer Leggio, ZDNet', want: ['Jennifer Leggio', 'ZDNet'] },
  { name: 'Name (Blog)', entry: 'Holger Nauheimer (Change Facilitation Blog)', want: ['Holger Nauheimer', 'Change Facilitation Blog'] },
  { name: 'Blog (Name)', entry: 'Brass Tacks Blog (Susan Etlinger)', want: ['Susan Etlinger', 'Brass Tacks Blog'] },
  { name: 'Name at Blog', entry: 'Susan Etlinger at Brass Tacks', want: ['Susan Etlinger', 'Brass Tacks'] },
  { name: 'Name @ Blog', entry: 'Susan Etlinger @ Brass Tacks', want: ['Susan Etlinger', 'Brass Tacks'] },
  { name: 'Blog: Title', entry: 'Workshop Weekly: What the remote panel got right', anchor: 'What the remote panel got right', want: [null, 'Workshop Weekly'] },
  { name: 'Name: Title', entry: 'Jane Roe: Notes from the panel', anchor: 'Notes from the panel', want: ['Jane Roe', null] },
  { name: 'Name, Blog: Title', entry: 'Jennifer Leggio, ZDNet: Social media fails', anchor: 'Social media fails', want: ['Jennifer Leggio', 'ZDNet'] },
  { name: 'Title by Name', entry: 'Why marketing fails by Jessica Valenzuela', anchor: 'Why marketing fails', want: ['Jessica Valenzuela', null] },
  { name: 'Title by Name (Blog)', entry: 'Why marketing fails by Jessica Valenzuela (Maven)', anchor: 'Why marketing fails', want: ['Jessica Valenzuela', 'Maven'] },
  { name: 'Title – Name', entry: 'Spring unconference recap – Grace Hopkins', anchor: 'Spring unconference recap', want: ['Grace Hopkins', null] },
  { name: 'Title (Blog)', entry: 'Retros at scale (Agile Blog)', anchor: 'Retros at scale', want: [null, 'Agile Blog'] },
  { name: 'bulleted', entry: '- Mia Dand, Marketing Mystic', want: ['Mia Dand', 'Marketing Mystic'] },
  { name: 'trailing date dropped', entry: 'Mia Dand, Marketing Mystic (April 2, 2009)', want: ['Mia Dand', 'Marketing Mystic'] },
  { name: 'trailing dashed date dropped', entry: 'Mia Dand, Marketing Mystic – 2 April 2009', want: ['Mia Dand', 'Marketing Mystic'] },
  { name: 'anchor = title only: no guess', entry: 'Why Social Media Marketing Fails', anchor: 'Why Social Media Marketing Fails', want: [null, null] },
  { name: 'empty', entry: '', want: [null, null] },
]

for (const { name, entry, anchor, want } of cases) {
  test(`parseClaim: ${name}`, () => {
    const claim = parseClaim(entry, anchor ?? entry)
    assert.deepEqual([claim.claimedAuthor, claim.claimedSite], want)
  })
}
