/**
 * User agents of tools and scanners, not browsers: what `useDefaultRules` denies (Kong's bot-detection
 * list in spirit: HTTP libraries, command-line clients and vulnerability scanners; search engine crawlers
 * are left alone, they usually are wanted). Case-insensitive, matched anywhere in the User-Agent.
 */
export const DEFAULT_BOT_RULES: readonly string[] = [
  '^curl/',
  '^wget/',
  '^python-requests/',
  '^python-urllib/',
  '^python-httpx/',
  '^aiohttp/',
  '^go-http-client/',
  '^java/',
  '^apache-httpclient/',
  '^okhttp/',
  '^libwww-perl/',
  '^php/',
  '^ruby$',
  '^scrapy/',
  '^httpie/',
  'sqlmap',
  'nikto',
  'nmap',
  'masscan',
  'zgrab',
  'nuclei',
  'dirbuster',
  'gobuster',
  'wpscan',
  'acunetix',
  'netsparker',
  'openvas',
  'w3af',
  'havij',
];
