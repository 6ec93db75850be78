/**
 * Editorial choices the seed makes where the public facts are silent. Each is named as such
 * where a reader meets it (an editorial note on partnerships, "example" on learning needs).
 */

import type { ProductType } from '@repo/types'

export type ThemeKey = 'gender' | 'environment' | 'governance' | 'resources'

/** The four core themes, in the order of `seed-facts.json`. Colours reach 4.5:1 on white. */
export const THEMES: { key: ThemeKey; slug: string; shortTitle: string; colour: string }[] = [
  {
    key: 'gender',
    slug: 'gender-equality-and-inclusion',
    shortTitle: 'Gender equality and inclusion',
    colour: '#8a3b6b',
  },
  {
    key: 'environment',
    slug: 'environmental-rights',
    shortTitle: 'Environmental rights',
    colour: '#2f6b3a',
  },
  {
    key: 'governance',
    slug: 'communities-in-local-governance',
    shortTitle: 'Communities in local governance',
    colour: '#1f5f8b',
  },
  {
    key: 'resources',
    slug: 'sustainable-and-inclusive-resource-management',
    shortTitle: 'Resource management',
    colour: '#8a5a00',
  },
]

export const THEME_NOTE =
  'Themes assigned editorially by the Knowledge Map team from the partnership’s published focus; no official mapping of partnerships to themes was found.'

/** Editorial theme assignment from each partnership's published focus. */
export const PARTNERSHIP_THEMES: Record<string, ThemeKey[]> = {
  'Fair, Green and Global Alliance': ['environment', 'resources'],
  'Green Livelihoods Alliance': ['environment', 'resources'],
  'Green Livelihoods Alliance – Forests for a Just Future': ['environment', 'resources'],
  'Partners for Resilience': ['environment', 'governance'],
  'Shared Resources, Joint Solutions': ['resources', 'environment'],
  'Every Voice Counts': ['governance', 'gender'],
  'Girls Advocacy Alliance': ['gender'],
  PITCH: ['gender', 'governance'],
  'Right Here Right Now': ['gender'],
  'Hivos, IIED and ARTICLE 19 partnership': ['resources', 'governance'],
  'Towards a Worldwide Influencing Network': ['governance'],
  'Freedom from Fear': ['governance'],
  'Civic Engagement Alliance': ['governance', 'resources'],
  'No News is Bad News': ['governance'],
  'Conducive Environment for Effective Policy Influencing': ['governance'],
  'Voice for Change Partnership': ['resources', 'governance'],
  'Capacitating Change': ['governance'],
  'Count Me In!': ['gender'],
  'Count Me In! 2.0': ['gender'],
  'Watershed – empowering citizens': ['resources', 'governance'],
  'Health Systems Advocacy Partnership': ['gender', 'governance'],
  'Advocacy for Change': ['resources'],
  PRIDE: ['gender'],
  'Strategic Partnership for Garment Supply Chain Transformation': ['resources', 'gender'],
  STITCH: ['resources', 'gender'],
  'Prevention Up Front': ['governance'],
  'GAGGA – Global Alliance for Green and Gender Action': ['gender', 'environment'],
  'She Leads': ['gender', 'governance'],
  Right2Grow: ['resources', 'governance'],
  'Voices for Just Climate Action': ['environment', 'governance'],
  'FAIR for ALL': ['resources'],
  'RECLAIM Sustainability!': ['resources', 'governance'],
  'Giving for Change': ['governance'],
  'Just Future Alliance': ['governance'],
  'Love Alliance': ['gender'],
  'We Are Able!': ['gender', 'governance'],
}

/** Maps the facts' free-text product types onto the product type list. */
export const PRODUCT_TYPE_MAP: Record<string, ProductType> = {
  report: 'report',
  'research report': 'report',
  'mid-term review paper': 'report',
  study: 'report',
  'meta-analysis': 'report',
  evaluation: 'evaluation',
  method: 'method',
  tool: 'tool',
  toolkit: 'toolkit',
  'case study': 'case-study',
  'policy brief': 'policy-brief',
  video: 'video',
  podcast: 'podcast',
  dataset: 'dataset',
  platform: 'platform',
  magazine: 'magazine',
  digizine: 'magazine',
  catalogue: 'other',
  other: 'other',
}

export const PRODUCT_THEME_NOTE =
  'Themes assigned editorially by the Knowledge Map team from the themes of the partnership that produced it; no source states them.'

export const NEED_THEME_NOTE =
  'Title shortened and themes assigned editorially by the Knowledge Map team from the need as stated; the statement itself is the source’s.'

/**
 * Editorial choices for the stated learning needs, keyed by the start of the statement: a short
 * title for the map (the statement stays the description) and the core themes it falls under,
 * none where it is cross-cutting (evaluation practice, partnership practice).
 */
export const NEED_EDITORIAL: { startsWith: string; title: string; themes: ThemeKey[] }[] = [
  {
    startsWith: 'What can be learned from positive experiences',
    title: 'Working with external reference groups in end evaluations',
    themes: [],
  },
  {
    startsWith: 'What have partnerships learned from using (mixes of) qualitative',
    title: 'Lessons from mixing qualitative evaluation methods',
    themes: [],
  },
  {
    startsWith: 'Who decides on the scope of an end evaluation',
    title: 'Who decides the scope of an end evaluation',
    themes: [],
  },
  {
    startsWith: 'How was learning embedded in the programmes',
    title: 'Learning and adaptive programming in fragile contexts',
    themes: ['governance'],
  },
  {
    startsWith: 'Which mechanisms anchored in the Strengthening Civil Society policy framework',
    title: 'Policy mechanisms that limit balanced power relations between CSOs',
    themes: [],
  },
  {
    startsWith: 'In which ways should the successor of the SCS policy framework',
    title: 'What the successor of the SCS policy framework should change',
    themes: [],
  },
  {
    startsWith: 'How can we genuinely shift power',
    title: 'Genuinely shifting power between Northern and Southern CSOs',
    themes: [],
  },
  {
    startsWith: 'How can the system be changed in a way that supports community-led',
    title: 'Changing the system to support community-led development',
    themes: ['governance'],
  },
  {
    startsWith: 'Research to learn about the (un)intended effects',
    title: 'The (un)intended effects of shifting-power strategies',
    themes: [],
  },
  {
    startsWith: 'Tools and approaches for more equal partnerships',
    title: 'Finding and choosing tools for more equal partnerships',
    themes: [],
  },
  {
    startsWith: 'Differences exist between progressive feminist MEL',
    title: 'Feminist MEL and the ministry’s MEL requirements',
    themes: ['gender'],
  },
  {
    startsWith: 'Conventional MEL practices place extra burdens',
    title: 'MEL that centres care, trust and flexibility',
    themes: ['gender'],
  },
  {
    startsWith: 'Develop programmatic knowledge on the various dimensions of sustainability',
    title: 'Sustaining inclusive, locally led LGBTIQ+ movements',
    themes: ['gender'],
  },
  {
    startsWith: 'Build evidence around new thinking, approaches and leadership',
    title: 'Evidence on what supports community philanthropy',
    themes: ['governance'],
  },
  {
    startsWith: 'Weak civil society participation in nutrition and WASH',
    title: 'Civil society participation in nutrition and WASH decisions',
    themes: ['governance', 'resources'],
  },
  {
    startsWith: 'Learning is often not done equitably',
    title: 'Making learning in partnerships equitable',
    themes: [],
  },
  {
    startsWith: 'Climate Justice Community of Practice themes',
    title: 'Climate adaptation and climate justice in development programmes',
    themes: ['environment'],
  },
  {
    startsWith: 'Partos Innovation Hub thematic areas for joint learning',
    title: 'Partos Innovation Hub themes for joint learning',
    themes: [],
  },
  {
    startsWith: 'To what extent and how is the programme progressing',
    title: 'Progress, context and Theory of Change of a forests programme',
    themes: ['environment', 'resources'],
  },
  {
    startsWith: 'How to fund and resource informal girl- and young-women-led groups',
    title: 'Funding informal girl- and young-women-led groups',
    themes: ['gender'],
  },
  {
    startsWith: 'Alliance learning themes for the final 18 months',
    title: 'Climate finance and locally led climate solutions',
    themes: ['environment', 'governance'],
  },
  {
    startsWith: 'Regional learning event aims',
    title: 'Synergies on food systems and critical minerals in Africa',
    themes: ['resources'],
  },
  {
    startsWith: 'Create platforms for intra-team learning',
    title: 'Learning and feedback between a grant facility and its grantees',
    themes: [],
  },
]
