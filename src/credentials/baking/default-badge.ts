/**
 * The badge image openler draws when an issuer has none to bake into: a
 * round seal with the achievement's name and the issuer's, as plain SVG.
 */
export function defaultBadgeSvg(achievementName: string, issuerName: string): string {
  const lines = wrap(achievementName, 18).slice(0, 3);
  const top = 128 - (lines.length - 1) * 13;
  const text = lines.map((line, index) => `<text x="128" y="${top + index * 26}" font-size="20" font-weight="700">${escapeXml(line)}</text>`).join('');
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img">',
    `<title>${escapeXml(achievementName)}, ${escapeXml(issuerName)}</title>`,
    '<circle cx="128" cy="128" r="120" fill="#1d4e89"/>',
    '<circle cx="128" cy="128" r="106" fill="none" stroke="#f2c14e" stroke-width="6"/>',
    '<g fill="#ffffff" font-family="Helvetica, Arial, sans-serif" text-anchor="middle">',
    text,
    `<text x="128" y="214" font-size="12">${escapeXml(truncate(issuerName, 32))}</text>`,
    '</g></svg>',
  ].join('');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map((entry) => truncate(entry, width + 4));
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] as string);
}
