/** A message body in the composer's markdown subset (markdown.ts), rendered as React elements only. */
import { Fragment, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from './markdown.ts';

function renderInline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    if (typeof node === 'string') return <Fragment key={i}>{node}</Fragment>;
    if (node.kind === 'link')
      return (
        <a key={i} href={node.href} target="_blank" rel="noopener noreferrer">
          {node.text}
        </a>
      );
    const Tag = node.kind === 'strong' ? 'strong' : 'em';
    return <Tag key={i}>{renderInline(node.children)}</Tag>;
  });
}

export function Markdown({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <>
      {blocks.map((block, i) =>
        block.kind === 'list' ? (
          <ul key={i}>
            {block.items.map((item, j) => (
              <li key={j}>{renderInline(item)}</li>
            ))}
          </ul>
        ) : (
          <p key={i}>
            {block.lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                {renderInline(line)}
              </Fragment>
            ))}
          </p>
        ),
      )}
    </>
  );
}
