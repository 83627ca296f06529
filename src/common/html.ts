const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every text in a generated page comes from users: all of it goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** Line breaks of a user's text kept, everything escaped. */
export function paragraphs(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}
