import { type KeyboardEvent, useRef } from 'react';
import { formatList } from '../../format';
import { useT } from '../../i18n';
import { UnitTypeBadges } from './unit-badges';
import { communeTypeCounts, type FilterResult, highlightRange, type UnitNode } from './unit-tree';

interface UnitTreeViewProps {
  roots: UnitNode[];
  expanded: Set<string>;
  filter: FilterResult | null;
  query: string;
  selectedCode: string | null;
  onToggle(code: string): void;
  onSelect(code: string): void;
}

/**
 * The unit tree as nested lists of buttons: a disclosure button opens a unit's children, the unit
 * button selects it. Arrow keys move between unit buttons as in a tree view (Right opens or goes
 * to the first child, Left closes or goes to the parent, Home and End jump).
 */
export function UnitTreeView(props: UnitTreeViewProps) {
  const { t } = useT();
  const container = useRef<HTMLDivElement>(null);

  function focusItem(code: string) {
    container.current?.querySelector<HTMLButtonElement>(`[data-tree-item="${CSS.escape(code)}"]`)?.focus();
  }

  function handleKey(event: KeyboardEvent<HTMLButtonElement>, node: UnitNode, parent: UnitNode | null) {
    const items = [...(container.current?.querySelectorAll<HTMLButtonElement>('[data-tree-item]') ?? [])];
    const index = items.indexOf(event.currentTarget);
    const isOpen = isExpanded(node, props);
    const move = (target: HTMLButtonElement | undefined) => {
      event.preventDefault();
      target?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(items[index + 1]);
      case 'ArrowUp':
        return move(items[index - 1]);
      case 'Home':
        return move(items[0]);
      case 'End':
        return move(items[items.length - 1]);
      case 'ArrowRight':
        event.preventDefault();
        if (node.children.length === 0) return;
        if (!isOpen) props.onToggle(node.unit.code);
        else if (node.children[0]) focusItem(node.children[0].unit.code);
        return;
      case 'ArrowLeft':
        event.preventDefault();
        if (isOpen && node.children.length > 0 && !props.filter?.open.has(node.unit.code)) {
          props.onToggle(node.unit.code);
        } else if (parent) focusItem(parent.unit.code);
        return;
    }
  }

  const renderNodes = (nodes: UnitNode[], parent: UnitNode | null, depth: number) => (
    <ul className={depth === 0 ? 'tree' : 'tree__group'} aria-label={depth === 0 ? t('units.tree') : undefined}>
      {nodes
        .filter((node) => !props.filter || props.filter.visible.has(node.unit.code))
        .map((node) => {
          const open = isExpanded(node, props);
          const selected = node.unit.code === props.selectedCode;
          return (
            <li key={node.unit.code} className="tree__node">
              <div className={selected ? 'tree__row tree__row--selected' : 'tree__row'}>
                {node.children.length > 0 ? (
                  <button
                    type="button"
                    className="tree__toggle"
                    aria-expanded={open}
                    aria-label={t('units.expand', { name: node.unit.name })}
                    title={t('units.expand', { name: node.unit.name })}
                    onClick={() => props.onToggle(node.unit.code)}
                  >
                    <span aria-hidden="true" className="tree__chevron" />
                  </button>
                ) : (
                  <span className="tree__toggle-space" aria-hidden="true" />
                )}
                <button
                  type="button"
                  className="tree__item"
                  data-tree-item={node.unit.code}
                  aria-current={selected ? 'true' : undefined}
                  onClick={() => props.onSelect(node.unit.code)}
                  onKeyDown={(event) => handleKey(event, node, parent)}
                >
                  <span className="tree__name">
                    <Highlighted text={node.unit.name} query={props.query} />
                  </span>
                  <span className="tree__meta">
                    <UnitTypeBadges unit={node.unit} />
                    <NodeCounts node={node} />
                  </span>
                  <span className="tree__code">{node.unit.code}</span>
                </button>
              </div>
              {open && node.children.length > 0 && renderNodes(node.children, node, depth + 1)}
            </li>
          );
        })}
    </ul>
  );

  return (
    <div className="tree-container" ref={container}>
      {renderNodes(props.roots, null, 0)}
    </div>
  );
}

function isExpanded(node: UnitNode, props: Pick<UnitTreeViewProps, 'expanded' | 'filter'>): boolean {
  return props.expanded.has(node.unit.code) || (props.filter?.open.has(node.unit.code) ?? false);
}

/** "17 đơn vị cấp huyện và 220 đơn vị cấp xã" for a province, "1 thị trấn và 13 xã" for a district. */
function NodeCounts({ node }: { node: UnitNode }) {
  const { t, language } = useT();
  if (node.communeCount === 0) return null;
  const parts =
    node.unit.level === 'province'
      ? [
          ...(node.districtCount > 0 ? [t('levelCounts.district', { count: node.districtCount })] : []),
          t('levelCounts.commune', { count: node.communeCount }),
        ]
      : communeTypeCounts(node).map(([type, count]) => t(`unitTypeCounts.${type}`, { count }));
  return <span className="tree__counts">{formatList(parts, language)}</span>;
}

/** The name with the searched part marked, ignoring diacritics ("kong" marks "Kông"). */
function Highlighted({ text, query }: { text: string; query: string }) {
  const range = query.trim() === '' ? null : highlightRange(text, query.trim());
  if (!range) return <>{text}</>;
  return (
    <>
      {text.slice(0, range.start)}
      <mark>{text.slice(range.start, range.end)}</mark>
      {text.slice(range.end)}
    </>
  );
}
