/**
 * Editorial choices the seed makes where the public facts are silent. Each is named as such
 * where a reader meets it (an editorial note on partnerships, "example" on learning needs).
 */

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
export const PRODUCT_TYPE_MAP: Record<string, string> = {
  'research report': 'report',
  report: 'report',
  method: 'method',
  magazine: 'magazine',
  digizine: 'magazine',
  platform: 'platform',
  'mid-term review paper': 'report',
  study: 'report',
  'meta-analysis': 'report',
  catalogue: 'other',
}

/** Themes of the example learning needs (by 2022 learning agenda theme). */
export const LEARNING_NEED_THEMES: Record<string, ThemeKey[]> = {
  Inclusion: ['gender'],
  'Civic Power': ['governance'],
  'New Ways of Working Together': ['governance', 'resources'],
  'Data & Digital': [],
  'Future proof': ['environment', 'resources'],
}

/**
 * Example links from real products to the example needs, by product title. "Data & Digital" and
 * "Future proof" are left without products on purpose: they show what a gap looks like.
 */
export const needLinks: Record<string, string[]> = {
  'Enhancing Inclusive Governance in Fragile & (Post) Conflict-Affected Settings': [
    'Inclusion',
    'Civic Power',
  ],
  'Community Score Card': ['Civic Power'],
  "Every Voice Counts Global Report: Women's Voice and Leadership": ['Inclusion'],
  'PITCH Five Year Reflection Report': ['Civic Power'],
  'Voices To Be Heard': ['Civic Power'],
  'Learning from Evaluation: a meta-analysis of the Dialogue & Dissent partnerships': [
    'New Ways of Working Together',
  ],
  'Mapping the expectations of the Dutch strategic partnerships': ['New Ways of Working Together'],
}
