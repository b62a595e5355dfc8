import { describe, expect, it } from 'vitest';
import { withoutUrlSecrets } from './logRedaction.js';

describe('URL secrets in the log', () => {
  it('cuts a calendar feed’s token and a token query value, and leaves the rest of the address', () => {
    expect(withoutUrlSecrets('GET /api/calendar/feeds/AbC-d_e123.ics?lang=en')).toBe('GET /api/calendar/feeds/[redacted]?lang=en');
    expect(withoutUrlSecrets('Route "https://x.example/api/calendar/feeds/AbC-d_e123.ics" failed')).toBe('Route "https://x.example/api/calendar/feeds/[redacted]" failed');
    expect(withoutUrlSecrets('/yjs/doc_1?room=a&token=s3cr3t-Token&x=1')).toBe('/yjs/doc_1?room=a&token=[redacted]&x=1');
    expect(withoutUrlSecrets('/api/meetings/mtg_1/calendar.ics?lang=es')).toBe('/api/meetings/mtg_1/calendar.ics?lang=es');
  });
});
