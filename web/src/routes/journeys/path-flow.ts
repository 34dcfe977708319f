/**
 * The layout of the paths chart: the top paths as a flow (a Sankey diagram) from the first step on
 * the left to the fifth on the right. A column's nodes are the steps taken at that position, as
 * tall as the visits that took them; a band joins two steps taken one after the other.
 */
import type { PathRow, PathStep, StepType } from '../../lib/api/types';

export interface FlowNode {
  key: string;
  column: number;
  type: StepType;
  label: string;
  visits: number;
  x: number;
  y: number;
  height: number;
}

export interface FlowBand {
  key: string;
  from: FlowNode;
  to: FlowNode;
  visits: number;
  /** the band's SVG path, filled */
  d: string;
}

export interface Flow {
  nodes: FlowNode[];
  bands: FlowBand[];
  columns: number;
  width: number;
  height: number;
}

export const STEP_NAMES: Record<StepType, string> = { view: 'Profile view', click: 'Click', lead: 'Lead', sale: 'Sale' };

export function stepLabel(step: PathStep): string {
  return step.type === 'click' ? (step.link ?? 'A link') : STEP_NAMES[step.type];
}

const tokenOf = (step: PathStep): string => (step.type === 'click' ? `click:${step.linkId}` : step.type);

export function layoutFlow(
  paths: PathRow[],
  options: { width: number; nodeWidth: number; gap: number; minHeight: number },
): Flow {
  const { width, nodeWidth, gap, minHeight } = options;
  const columns = Math.max(1, ...paths.map((path) => path.steps.length));
  const nodes = new Map<string, FlowNode>();
  const bands = new Map<string, { from: string; to: string; visits: number }>();
  for (const path of paths) {
    path.steps.forEach((step, column) => {
      const key = `${column}|${tokenOf(step)}`;
      const node = nodes.get(key) ?? { key, column, type: step.type, label: stepLabel(step), visits: 0, x: 0, y: 0, height: 0 };
      node.visits += path.visits;
      nodes.set(key, node);
      if (column > 0) {
        const from = `${column - 1}|${tokenOf(path.steps[column - 1])}`;
        const band = bands.get(`${from}>${key}`) ?? { from, to: key, visits: 0 };
        band.visits += path.visits;
        bands.set(`${from}>${key}`, band);
      }
    });
  }
  const byColumn = Array.from({ length: columns }, (_, column) =>
    [...nodes.values()]
      .filter((node) => node.column === column)
      .sort((a, b) => b.visits - a.visits || a.label.localeCompare(b.label)),
  );
  const busiest = Math.max(1, ...byColumn.map((list) => list.reduce((sum, node) => sum + node.visits, 0)));
  const tallest = Math.max(...byColumn.map((list) => list.length));
  const height = Math.max(minHeight, tallest * 34);
  const scale = (height - gap * Math.max(0, tallest - 1)) / busiest;
  const step = columns > 1 ? (width - nodeWidth) / (columns - 1) : 0;
  for (const list of byColumn) {
    let y = 0;
    for (const node of list) {
      node.x = node.column * step;
      node.y = y;
      node.height = Math.max(2, node.visits * scale);
      y += node.height + gap;
    }
  }
  // bands leave a node top-down in the order of their targets, and enter one in the order of their sources
  const placed = [...bands.values()]
    .map((band) => ({
      ...band,
      fromNode: nodes.get(band.from)!,
      toNode: nodes.get(band.to)!,
      thickness: band.visits * scale,
      y0: 0,
      y1: 0,
    }))
    .sort((a, b) => a.fromNode.y - b.fromNode.y || a.toNode.y - b.toNode.y);
  const used = new Map<string, number>();
  const advance = (key: string, by: number): number => {
    const at = used.get(key) ?? 0;
    used.set(key, at + by);
    return at;
  };
  for (const band of placed) band.y0 = band.fromNode.y + advance(`out ${band.from}`, band.thickness);
  for (const band of [...placed].sort((a, b) => a.toNode.y - b.toNode.y || a.fromNode.y - b.fromNode.y))
    band.y1 = band.toNode.y + advance(`in ${band.to}`, band.thickness);
  const flowBands = placed.map(({ fromNode, toNode, visits, thickness, y0, y1 }): FlowBand => {
    const x0 = fromNode.x + nodeWidth;
    const x1 = toNode.x;
    const mid = (x0 + x1) / 2;
    return {
      key: `${fromNode.key}>${toNode.key}`,
      from: fromNode,
      to: toNode,
      visits,
      d:
        `M${x0},${y0}C${mid},${y0} ${mid},${y1} ${x1},${y1}` +
        `L${x1},${y1 + thickness}C${mid},${y1 + thickness} ${mid},${y0 + thickness} ${x0},${y0 + thickness}Z`,
    };
  });
  return { nodes: [...nodes.values()], bands: flowBands, columns, width, height };
}
