import { describe, expect, it } from 'vitest'
import { customPropertyNames, themeCss } from '../../../scripts/lib/fluent-theme'

describe('the Fluent theme as a stylesheet', () => {
  it('finds the custom properties that code and CSS name', () => {
    const text = 'a{color:var(--colorNeutralForeground1)}b{gap:var(--spacingHorizontalM, 8px)} x="--fontFamilyBase"'
    expect([...customPropertyNames(text)].sort()).toEqual(['colorNeutralForeground1', 'fontFamilyBase', 'spacingHorizontalM'])
  })

  it('writes the theme\'s tokens that are used, in its order, and no other', () => {
    const theme = { colorBrandBackground: '#0f6cbd', borderRadiusMedium: '4px', lineHeightBase300: 20, unused: 'x' }
    expect(themeCss(theme, new Set(['lineHeightBase300', 'colorBrandBackground', 'notInTheme'])))
      .toBe(':root{--colorBrandBackground:#0f6cbd;--lineHeightBase300:20}\n')
  })
})
