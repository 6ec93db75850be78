import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Files that tools generate; they are committed but never linted. */
export const generatedIgnores = [
  '**/dist/**',
  '**/.next/**',
  '**/node_modules/**',
  '**/payload-types.ts',
  '**/importMap.js',
  '**/migrations/**',
  '**/next-env.d.ts',
  '**/test-results/**',
]

/**
 * The shared flat config. Pass extra config objects to extend it.
 * @param {...import('eslint').Linter.Config} extra
 */
export function config(...extra) {
  return tseslint.config(
    { ignores: generatedIgnores },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
      languageOptions: { globals: { ...globals.node, ...globals.browser } },
      rules: {
        '@typescript-eslint/no-unused-vars': [
          'error',
          { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
        ],
        '@typescript-eslint/consistent-type-imports': [
          'error',
          { fixStyle: 'inline-type-imports' },
        ],
        'no-console': 'off',
      },
    },
    prettier,
    ...extra,
  )
}

export default config()
