// People's names on public labels. Vietnamese names run family name, middle name(s), given name
// ("Lê Thị Tám"); a cooperative member who prefers not to be named in full is shown by initials.

/**
 * The initials of a name, each followed by a dot, diacritics kept on the letters:
 * `nameInitials('Lê Thị Tám') === 'L.T.T.'`, `nameInitials('đỗ văn hùng') === 'Đ.V.H.'`.
 * Words that do not start with a letter (numbers, punctuation) are left out; empty when none does.
 */
export function nameInitials(name: string): string {
  return name
    .normalize('NFC')
    .split(/\s+/)
    .flatMap((word) => {
      const first = [...word].find((char) => /\p{L}/u.test(char));
      return first ? [`${first.toLocaleUpperCase('vi')}.`] : [];
    })
    .join('');
}

/** How a person chose to be named in public: in full, by initials, or not at all. */
export type NameDisplay = 'full' | 'initials' | 'none';

/** The name as its owner allows it to be shown: the full name, its initials, or null (not named). */
export function displayedName(name: string, display: NameDisplay): string | null {
  if (display === 'full') return name;
  if (display === 'none') return null;
  return nameInitials(name) || null;
}
