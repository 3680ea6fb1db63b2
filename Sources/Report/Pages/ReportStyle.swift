/// The stylesheet inlined in every page: screen layout, chart styling, and a print layout of
/// A4 landscape pages with a page break before every Tema (like the seeds).
enum ReportStyle {
    static let css = """
    :root { --blue: #1f4e79; --grey: #6b6b6b; }
    * { box-sizing: border-box; }
    body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 13px; color: #222; margin: 0; background: #f4f5f7; }
    header.page-header { background: var(--blue); color: #fff; padding: 14px 24px; }
    header.page-header h1 { margin: 0; font-size: 22px; }
    header.page-header p { margin: 4px 0 0; }
    nav.pages { padding: 6px 24px; background: #dde4ee; font-size: 12px; }
    nav.pages a, nav.pages strong { margin-right: 10px; color: var(--blue); }
    main { padding: 8px 24px 24px; }
    section.tema { background: #fff; margin: 16px 0; padding: 12px 18px; border-radius: 4px; }
    section.tema > h2 { color: var(--blue); border-bottom: 2px solid var(--blue); padding-bottom: 4px; }
    section.maaling > h3 { font-size: 14px; color: var(--blue); }
    h4 { font-size: 13px; margin: 14px 0 6px; }
    .tiles { display: flex; flex-wrap: wrap; gap: 12px; }
    .tile-group { border: 1px solid #c9d3e0; border-radius: 4px; padding: 8px 12px; flex: 1 1 280px; }
    .tile-group h3 { margin: 0 0 2px; color: var(--blue); font-size: 15px; }
    .tile-group p.lead { margin: 0 0 8px; color: var(--grey); font-size: 12px; }
    .tile { display: inline-block; min-width: 150px; margin: 4px 12px 4px 0; vertical-align: top; }
    .tile-label { font-size: 12px; color: var(--grey); max-width: 230px; }
    .tile-value { font-size: 28px; font-weight: bold; color: var(--blue); }
    .infoboks { border-left: 4px solid #e07b39; background: #fdf3ec; padding: 8px 12px; margin: 8px 0; max-width: 560px; }
    .target-status { font-weight: bold; }
    table.data { border-collapse: collapse; margin: 6px 0 12px; font-size: 12px; }
    table.data caption { text-align: left; font-weight: bold; padding: 4px 0; }
    table.data th, table.data td { border: 1px solid #d0d5dc; padding: 2px 6px; }
    table.data thead th { background: #e8edf4; }
    table.data td { text-align: right; font-variant-numeric: tabular-nums; }
    table.data th[scope=row] { text-align: left; font-weight: normal; }
    table.data tr.total th, table.data tr.total td { font-weight: bold; background: #f2f4f7; }
    table.data tr.sub th { padding-left: 18px; }
    .note, .chart-note { font-size: 11px; color: var(--grey); }
    figure.chart-figure { margin: 8px 0 14px; }
    svg.chart { max-width: 100%; height: auto; font-size: 11px; }
    svg.chart .grid { stroke: #e3e6ea; stroke-width: 1; }
    svg.chart .axis { stroke: #555; stroke-width: 1; }
    svg.chart .tick, svg.chart .cat, svg.chart .axis-title { fill: #444; }
    svg.chart .value { fill: #222; font-size: 10px; }
    svg.chart .symbol { fill: #c00000; font-size: 11px; font-weight: bold; }
    svg.chart .target { stroke: #c00000; stroke-width: 1.5; stroke-dasharray: 5 3; }
    svg.chart .target-label { fill: #c00000; font-size: 11px; }
    svg.chart .series-line { fill: none; stroke-width: 2; }
    ul.legend { list-style: none; padding: 0; margin: 2px 0; font-size: 12px; }
    ul.legend li { display: inline-block; margin-right: 14px; }
    .swatch { display: inline-block; width: 11px; height: 11px; margin-right: 4px; vertical-align: -1px; }
    .columns { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
    @page { size: A4 landscape; margin: 10mm; }
    @media print {
      body { background: #fff; font-size: 10px; }
      nav.pages { display: none; }
      header.page-header { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      section.tema { break-before: page; page-break-before: always; margin: 0; padding: 0; }
      section.tema.status { break-before: auto; page-break-before: auto; }
      figure.chart-figure, .tile-group, tr { break-inside: avoid; page-break-inside: avoid; }
      svg.chart { max-height: 170mm; }
    }
    """
}
