// Drives the sample's API reference page (/docs) in headless Chromium: for every operation, opens its
// "Test Request" client, enters the API key in the page's authentication field and the required parameters, sends,
// and records what reached the service. Run by check-docs.sh, which starts the sample and installs playwright-core.
const { chromium } = require('playwright-core');

const base = process.argv[2];
const apiKey = 'Api-Key demo-dm-admin-key';
// Values for the parameters the operations require, from the sample's seeded store.
const values = { platform_key: 'acme', org: 'acme', user: 'dave', suggestion_id: '1' };
// Bodies for the operations that take one, in place of the page's example (whose empty platform_key is refused).
const bodies = {
  'POST /api/catalog/suggestions/course/manage/group/': { platform_key: 'acme', course_id: 'course-v1:acme+sql+2024', group_id: 1 },
  'POST /api/catalog/suggestions/pathway/manage/': { platform_key: 'acme', pathway_id: 'pathway-v1:acme+data+2024', user_id: 5 },
};

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const sent = [];
  page.on('requestfailed', request => {
    if (new URL(request.url()).pathname.startsWith('/api/')) {
      sent.push({ method: request.method(), url: request.url(), authorization: request.headers()['authorization'] ?? '', status: `failed (${request.failure()?.errorText})` });
    }
  });
  page.on('response', async response => {
    const request = response.request();
    if (new URL(request.url()).pathname.startsWith('/api/')) {
      const answer = response.status() >= 400 ? ` (sent ${request.postData() ?? 'no body'}; answered ${(await response.text()).slice(0, 300)})` : '';
      sent.push({ method: request.method(), url: request.url(), authorization: request.headers()['authorization'] ?? '', status: response.status(), answer });
    }
  });

  // The page renders sections as they scroll into view; its links name every operation (#tag/<tag>/<METHOD>/<path>).
  await page.goto(`${base}/docs/`);
  await page.waitForTimeout(3000);
  for (let k = 0; k < 40; k++) {
    await page.mouse.wheel(0, 1500);
    await page.waitForTimeout(200);
  }

  const links = [...new Set(await page.locator('a[href^="#tag/"]').evaluateAll(els => els.map(e => e.getAttribute('href'))))]
    .filter(href => /^#tag\/[^/]+\/[A-Z]+\//.test(href));
  const results = [];
  for (const link of links) {
    const [, , method, ...path] = link.split('/');
    const operation = `${method} /${path.join('/')}`;
    // A fresh load for each: a change of hash alone would keep the previous operation's client open.
    await page.goto('about:blank');
    await page.goto(`${base}/docs/${link}`);
    await page.waitForTimeout(3000);
    await page.locator('input.scalar-password-input').first().fill(apiKey);
    const button = page.getByRole('button', { name: /Test Request/ }).filter({ hasText: `(${method.toLowerCase()} /${path.join('/')})` });
    try {
      await button.first().waitFor({ timeout: 15000 });
    } catch {
      results.push({ operation, requests: [] });
      continue;
    }

    await button.first().click();
    await page.waitForTimeout(2000);
    // Each parameter is a row of two editors, its name then its value.
    for (const [name, value] of Object.entries(values)) {
      const marked = await page.evaluate(([name]) => {
        const cells = [...document.querySelectorAll('[contenteditable="true"]')];
        const at = cells.findIndex(c => c.innerText.trim() === name);
        if (at < 0 || cells[at + 1].innerText.trim() !== '') return false;
        cells[at + 1].setAttribute('data-check', name);
        return true;
      }, [name]);
      if (marked) {
        await page.locator(`[data-check="${name}"]`).click();
        await page.keyboard.type(value);
      }
    }

    if (bodies[operation]) {
      const editor = page.locator('.cm-content[contenteditable="true"]').last();
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await editor.pressSequentially(JSON.stringify(bodies[operation]));
    }

    const before = sent.length;
    await page.getByRole('button', { name: /Send \w+ request to/ }).first().click();
    await page.waitForTimeout(2500);
    results.push({ operation, requests: sent.slice(before) });
  }

  await browser.close();
  let failed = results.length === 0;
  for (const { operation, requests } of results) {
    if (requests.length === 0) {
      failed = true;
      console.log(`NOT SENT  ${operation}`);
      continue;
    }

    for (const r of requests) {
      const ok = r.authorization === apiKey && typeof r.status === 'number' && r.status !== 401 && r.status !== 403;
      failed ||= !ok;
      console.log(`${ok ? 'ok' : 'FAILED'}  ${r.status}  ${r.method} ${r.url}  Authorization: ${r.authorization || '(none)'}${r.answer ?? ''}`);
    }
  }

  console.log(`${results.length} operations on the page, ${results.filter(r => r.requests.length > 0).length} sent.`);
  process.exit(failed ? 1 : 0);
})();
