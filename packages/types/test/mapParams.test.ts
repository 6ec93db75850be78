import { describe, expect, it } from 'vitest'

import { parseMapParams } from '../src/index.js'

describe('parseMapParams', () => {
  it('should read the axis and programme and give the canonical query', () => {
    expect(parseMapParams('?axis=types&programme=dialogue-and-dissent')).toEqual({
      ok: true,
      params: { axis: 'types', programme: 'dialogue-and-dissent' },
      query: 'programme=dialogue-and-dissent&axis=types',
    })
    expect(parseMapParams({ axis: 'learning-needs', programme: '' })).toEqual({
      ok: true,
      params: { axis: 'learning-needs', programme: undefined },
      query: '',
    })
  })

  it('should name each bad parameter, and drop unknown ones only when asked', () => {
    const bad = parseMapParams('axis=diagonal&programme=Bad_Slug&axis=types&theme=x')
    expect(bad.ok ? [] : bad.issues.map((i) => i.param)).toEqual([
      'axis',
      'theme',
      'axis',
      'programme',
    ])
    const shared = parseMapParams('fbclid=abc&utm_source=x&axis=types', { allowUnknown: true })
    expect(shared).toMatchObject({ ok: true, query: 'axis=types' })
  })
})

describe('parseMapParams mode', () => {
  it('should read mode=suggested on the learning-needs axis and leave the default out', () => {
    expect(parseMapParams('mode=suggested')).toEqual({
      ok: true,
      params: { axis: 'learning-needs', programme: undefined, mode: 'suggested' },
      query: 'mode=suggested',
    })
    expect(parseMapParams('mode=confirmed')).toMatchObject({ ok: true, query: '' })
  })

  it('should refuse an unknown mode and suggestions on the product-type axis', () => {
    const bad = parseMapParams('mode=guessed')
    expect(bad.ok ? [] : bad.issues.map((i) => i.param)).toEqual(['mode'])
    const types = parseMapParams('axis=types&mode=suggested')
    expect(types.ok ? '' : types.issues[0]!.message).toMatch(/learning needs/)
  })
})
