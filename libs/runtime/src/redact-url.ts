/** A store's URL as logs and terminals show it: its credentials never (`postgres://***@host/db`). */
export const redactUrl = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');
