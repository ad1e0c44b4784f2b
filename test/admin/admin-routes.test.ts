import { startTestService, type TestService } from '../support/harness';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

describe('the admin page, as served', () => {
  it('is served at /admin with every file from the service itself (no CDN) and a strict content policy', async () => {
    const page = await service.http.get('/admin');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.text).not.toMatch(/https?:\/\//);
    const sources = [...page.text.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(sources.sort()).toEqual(['/admin/assets/admin.css', '/admin/assets/admin.js']);
    for (const source of sources) {
      const asset = await service.http.get(source);
      expect(asset.status).toBe(200);
      expect(asset.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    }
    expect((await service.http.get('/admin/assets/package.json')).status).toBe(404);
  });

  it('offers "Sign in with Microsoft" only where connecting is configured', async () => {
    const settings = await service.http.get('/admin/settings.json');
    expect(settings.body).toEqual({ entraSignInUrl: null });
  });
});
