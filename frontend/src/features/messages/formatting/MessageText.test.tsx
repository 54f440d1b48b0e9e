import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MessageText } from './MessageText';

function renderContent(content: string, excerpt = false) {
  // As the bubble holds it: spaces and line ends kept.
  const { container } = render(
    <div className="whitespace-pre-wrap">
      <MessageText content={content} excerpt={excerpt} />
    </div>,
  );
  return container.firstElementChild as HTMLElement;
}

/** The element names of a rendering, in document order: what the message turned into. */
const elementsOf = (root: HTMLElement) => [...root.querySelectorAll('*')].map((element) => element.localName);

describe('MessageText: what a message keeps from before', () => {
  it('renders **bold** and _italic_ as strong and em', () => {
    const content = renderContent('say **hello** to _everyone_ now');

    expect(content).toHaveTextContent('say hello to everyone now');
    expect(content.querySelector('strong')).toHaveTextContent('hello');
    expect(content.querySelector('em')).toHaveTextContent('everyone');
  });

  it('nests italic inside bold', () => {
    const content = renderContent('**very _important_ news**');

    expect(content.querySelector('strong em')).toHaveTextContent('important');
    expect(content).toHaveTextContent('very important news');
  });

  it('leaves unmatched or detached markers and snake_case words as they are', () => {
    const content = renderContent('**open, 2 ** 3 ** 4, snake_case_name and file_name.txt');

    expect(content).toHaveTextContent('**open, 2 ** 3 ** 4, snake_case_name and file_name.txt');
    expect(content.querySelector('strong, em')).toBeNull();
  });

  it('keeps line breaks in the text, and adds none around blocks', () => {
    expect(renderContent('line one\n**line two**').textContent).toBe('line one\nline two');
    expect(renderContent('**a**\n**b**').textContent).toBe('a\nb');
    expect(renderContent('first\n\n> quoted\n\n- item').textContent).toBe('firstquoteditem');
  });

  it('makes a hard line break of a line ending in a backslash, as CommonMark does', () => {
    const content = renderContent('first\\\nsecond');

    expect(content.querySelector('p')?.innerHTML).toBe('first<br>second');
  });

  it('links web and e-mail addresses, opening a new tab that cannot reach back to this one', () => {
    const content = renderContent('see https://example.com/a?b=1 or www.example.org, mail ann@example.com');
    const links = [...content.querySelectorAll('a')];

    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com/a?b=1',
      'http://www.example.org',
      'mailto:ann@example.com',
    ]);
    expect(renderContent('at example.com/a').querySelector('a')).toHaveAttribute('href', 'http://example.com/a');
    for (const link of links) {
      expect(link).toHaveAttribute('target', '_blank');
      expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    }
    expect(content).toHaveTextContent('see https://example.com/a?b=1 or www.example.org, mail ann@example.com');
  });

  it('keeps an address whole when it holds formatting markers, and formats around it', () => {
    const content = renderContent('**read https://example.com/_draft_/x** now');

    expect(content.querySelector('strong a')).toHaveAttribute('href', 'https://example.com/_draft_/x');
    expect(content.querySelector('em')).toBeNull();
  });
});

describe('MessageText: Markdown constructs', () => {
  it('renders `inline code` literally, markers and all', () => {
    const content = renderContent('run `npm **start** _now_` please');

    expect(content.querySelector('code')).toHaveTextContent('npm **start** _now_');
    expect(content.querySelector('strong, em')).toBeNull();
  });

  it('renders a fenced code block as one preformatted, focusable block that keeps its spacing', () => {
    const content = renderContent('look:\n```ts\nconst  a = 1;\n  if (a) **x**\n```\nafter');
    const block = content.querySelector('pre');

    expect(block?.querySelector('code')?.textContent).toBe('const  a = 1;\n  if (a) **x**\n');
    expect(block).toHaveAttribute('tabindex', '0');
    // No highlighting: the language names nothing, and no markup is made inside.
    expect(block?.querySelector('code')).not.toHaveAttribute('class', expect.stringContaining('language'));
    expect(block?.querySelector('strong, span')).toBeNull();
    expect(content).toHaveTextContent(/after$/);
  });

  it('renders block quotes, nested ones too, with their formatting', () => {
    const content = renderContent('> she said **this**\n> > and before that\n\nreply');

    expect(content.querySelector('blockquote strong')).toHaveTextContent('this');
    expect(content.querySelector('blockquote blockquote')).toHaveTextContent('and before that');
    expect(content.querySelector(':scope > p')).toHaveTextContent('reply');
  });

  it('renders bulleted and numbered lists, nested and with their start number', () => {
    const content = renderContent('- one\n- **two**\n  - two a\n\n3. third\n4. fourth');

    expect([...content.querySelectorAll(':scope > ul > li')].map((item) => item.firstChild?.textContent)).toEqual([
      'one',
      'two',
    ]);
    expect(content.querySelector('ul ul li')).toHaveTextContent('two a');
    expect(content.querySelector('ol')).toHaveAttribute('start', '3');
    expect(content.querySelectorAll('ol li')).toHaveLength(2);
  });

  it('renders [links](…) and <autolinks> to web and mail addresses', () => {
    const content = renderContent('[the guide](https://example.com/guide "Guide") and <mailto:ann@example.com>');
    const [guide, mail] = content.querySelectorAll('a');

    expect(guide).toHaveAttribute('href', 'https://example.com/guide');
    expect(guide).toHaveTextContent('the guide');
    expect(guide).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(mail).toHaveAttribute('href', 'mailto:ann@example.com');
  });

  it('leaves chat text that other Markdown would restyle as typed: headings, rules, indentation, entities', () => {
    const typed = '# 1 priority\nTotal\n---\n***\n    indented &amp; &lt;b&gt;';
    const content = renderContent(typed);

    expect(elementsOf(content)).toEqual(['p']);
    expect(content.textContent).toBe('# 1 priority\nTotal\n---\n***\nindented &amp; &lt;b&gt;');
  });

  it('fetches nothing: an image becomes a link to its address', () => {
    const content = renderContent('![cat](https://example.com/cat.png)');

    expect(content.querySelector('img')).toBeNull();
    expect(content.querySelector('a')).toHaveAttribute('href', 'https://example.com/cat.png');
    expect(content).toHaveTextContent('!cat');
  });

  it('as an excerpt, flattens blocks into one line and makes no links, for use inside a button', () => {
    const content = renderContent('> quoted\n\n- item with https://example.com\n\n```\ncode\n```', true);

    expect(elementsOf(content)).toEqual(['code']);
    expect(content).toHaveTextContent('quoted item with https://example.com code');
  });
});
