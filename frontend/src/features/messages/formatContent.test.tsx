import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatContent } from './formatContent';

function renderContent(content: string) {
  return render(<p data-testid="content">{formatContent(content)}</p>).getByTestId('content');
}

describe('formatContent', () => {
  it('renders **bold** and _italic_ as strong and em', () => {
    const paragraph = renderContent('say **hello** to _everyone_ now');

    expect(paragraph).toHaveTextContent('say hello to everyone now');
    expect(paragraph.querySelector('strong')).toHaveTextContent('hello');
    expect(paragraph.querySelector('em')).toHaveTextContent('everyone');
  });

  it('nests italic inside bold', () => {
    const paragraph = renderContent('**very _important_ news**');

    expect(paragraph.querySelector('strong em')).toHaveTextContent('important');
    expect(paragraph).toHaveTextContent('very important news');
  });

  it('shows HTML as literal text and never creates elements from it', () => {
    const paragraph = renderContent('<script>alert("x")</script> <b>not bold</b> <img src=x onerror=alert(1)>');

    expect(paragraph).toHaveTextContent('<script>alert("x")</script> <b>not bold</b> <img src=x onerror=alert(1)>');
    expect(paragraph.querySelector('script, b, img')).toBeNull();
  });

  it('leaves unmatched or detached markers and snake_case words as they are', () => {
    const paragraph = renderContent('**open, 2 ** 3 ** 4, snake_case_name and file_name.txt');

    expect(paragraph).toHaveTextContent('**open, 2 ** 3 ** 4, snake_case_name and file_name.txt');
    expect(paragraph.querySelector('strong, em')).toBeNull();
  });

  it('keeps line breaks in the text', () => {
    expect(renderContent('line one\n**line two**').textContent).toBe('line one\nline two');
  });

  it('links web and e-mail addresses, opening a new tab that cannot reach back to this one', () => {
    const paragraph = renderContent('see https://example.com/a?b=1 or www.example.org, mail ann@example.com');
    const links = [...paragraph.querySelectorAll('a')];

    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com/a?b=1',
      'http://www.example.org',
      'mailto:ann@example.com',
    ]);
    for (const link of links) {
      expect(link).toHaveAttribute('target', '_blank');
      expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    }
    expect(paragraph).toHaveTextContent('see https://example.com/a?b=1 or www.example.org, mail ann@example.com');
  });

  it('never makes a link of a script, data or other non-web address', () => {
    const paragraph = renderContent('javascript:alert(1) data:text/html,<b>x</b> ftp://example.com //example.com');

    expect(paragraph.querySelector('a[href^="javascript"], a[href^="data"], a[href^="ftp"]')).toBeNull();
    expect(paragraph.querySelector('b')).toBeNull();
  });

  it('keeps an address whole when it holds formatting markers, and formats around it', () => {
    const paragraph = renderContent('**read https://example.com/_draft_/x** now');

    expect(paragraph.querySelector('strong a')).toHaveAttribute('href', 'https://example.com/_draft_/x');
    expect(paragraph.querySelector('em')).toBeNull();
  });
});
