/** The honeypot's name: a field people never see, and bots fill in. Shared by form and checks. */
export const HONEYPOT = 'website'
