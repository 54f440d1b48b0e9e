import { MAX_CONTENT_LENGTH } from '@messenger/contract';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MessageText } from './MessageText';

function renderContent(content: string, excerpt = false): HTMLElement {
  const { container } = render(<MessageText content={content} excerpt={excerpt} />);
  return container;
}

/** Every element a message may render: no `img` (nothing is fetched), no `script`, `iframe`, `svg`, `style`. */
const MESSAGE_ELEMENTS = ['p', 'br', 'strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a'];

/**
 * What no message may ever produce, whatever it holds: an element outside the list, an event-handler or style
 * attribute, or a link anywhere but to a web or mail address.
 */
function expectNothingInjected(root: HTMLElement) {
  for (const element of root.querySelectorAll('*')) {
    expect(MESSAGE_ELEMENTS).toContain(element.localName);
    for (const { name } of element.attributes) expect(name).toMatch(/^(class|href|title|target|rel|start|tabindex)$/);
    const href = element.getAttribute('href');
    if (href !== null) expect(href).toMatch(/^(https?|mailto):/);
  }
}

const HTML_VECTORS = [
  '<script>window.pwned = 1</script>',
  '<img src=x onerror="window.pwned=1">',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload=alert(1)><a xlink:href="javascript:alert(1)">x</a></svg>',
  '<a href="javascript:alert(1)">click me</a> **<b>bold?</b>**',
  '<style>body{display:none}</style><div style="position:fixed">x</div>',
  '<details open ontoggle=alert(1)>',
];

describe('MessageText against script injection', () => {
  it.each(HTML_VECTORS)('shows HTML as the text typed: %s', (vector) => {
    const content = renderContent(vector);

    expectNothingInjected(content);
    expect(content).toHaveTextContent(vector.replace(/\*\*/g, ''), { normalizeWhitespace: false });
  });

  it.each([
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](<javascript :alert(1)>)',
    '[click](&#106;avascript:alert(1))',
    '[click](%6Aavascript:alert(1))',
    '[click](vbscript:msgbox(1))',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[click](file:///etc/passwd)',
    '[click](/api/admin/users)',
    '[click](//evil.example/x)',
    '<javascript:alert(1)>',
    '[click][ref]\n\n[ref]: javascript:alert(1)',
  ])('makes no link of a non-web address: %s', (vector) => {
    const content = renderContent(vector);

    expectNothingInjected(content);
    expect(content.querySelector('a')).toBeNull();
    expect(content).toHaveTextContent(/click|javascript/);
  });

  it('never makes a link of a bare script, data or other non-web address', () => {
    const content = renderContent('javascript:alert(1) data:text/html,<b>x</b> ftp://example.com //example.com');

    expectNothingInjected(content);
    expect(content.querySelector('a, b')).toBeNull();
  });

  it('keeps a link title as an attribute value, never a way out of it', () => {
    const content = renderContent('[x](https://example.com "\\" onmouseover=alert(1) x=\\"")');

    expectNothingInjected(content);
    expect(content.querySelector('a')).toHaveAttribute('title', '" onmouseover=alert(1) x="');
  });

  it('shows HTML inside inline code and code blocks as code text', () => {
    const content = renderContent('`<img src=x onerror=alert(1)>`\n\n```html\n<script>alert(1)</script>\n```');

    expectNothingInjected(content);
    expect(content.querySelector('p code')).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(content.querySelector('pre code')).toHaveTextContent('<script>alert(1)</script>');
  });

  it('shows HTML in nested quotes, lists and link text as text', () => {
    const content = renderContent(
      '> > <img src=x onerror=alert(1)>\n\n- <script>alert(1)</script>\n  1. <b>x</b>\n\n[<img src=x onerror=alert(1)>](https://example.com)',
    );

    expectNothingInjected(content);
    expect(content.querySelector('blockquote blockquote')).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(content.querySelector('ul li')).toHaveTextContent('<script>alert(1)</script>');
    expect(content.querySelector('a')).toHaveTextContent('<img src=x onerror=alert(1)>');
  });

  it('loads no image, whatever its address', () => {
    const content = renderContent('![x](javascript:alert(1)) ![y](https://tracker.example/pixel.gif)');

    expectNothingInjected(content);
    expect(content.querySelector('img')).toBeNull();
  });

  it('renders the excerpt of a hostile message as safely, without any link', () => {
    const content = renderContent(
      '> <img src=x onerror=alert(1)> [x](https://example.com) [y](javascript:alert(1))',
      true,
    );

    expectNothingInjected(content);
    expect(content.querySelector('a')).toBeNull();
  });

  it.each([
    ['deeply nested quotes', '>'.repeat(5_000)],
    ['deeply nested lists', Array.from({ length: 500 }, (_, depth) => `${'  '.repeat(depth)}- x`).join('\n')],
    ['unclosed emphasis', '**_'.repeat(MAX_CONTENT_LENGTH / 3)],
    ['unclosed links', '[('.repeat(MAX_CONTENT_LENGTH / 2)],
    ['backticks', '`a``'.repeat(MAX_CONTENT_LENGTH / 4)],
  ])('renders %s of the longest allowed message quickly', (_name, content) => {
    const started = performance.now();
    const rendered = renderContent(content);

    expectNothingInjected(rendered);
    // Milliseconds in a browser; the bound leaves room for a loaded test machine. (micromark, tried first, took
    // 10 to 36 seconds on some of these, and overflowed the stack on the quotes.)
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
