// Draws one ECharts line chart per indicator on the project page: the baseline as a flat dashed line, the targets per
// period and the actuals per period. The data come from the JSON block the page carries (no extra request).
(function () {
  function draw() {
    var holder = document.getElementById('project-charts');
    if (!holder || !window.echarts) return;
    var charts = JSON.parse(holder.textContent);
    var texts = document.getElementById('project-chart-texts').dataset;
    charts.forEach(function (c) {
      var el = document.getElementById('chart-' + c.id);
      if (!el) return;
      var chart = echarts.init(el);
      chart.setOption({
        title: {text: c.code + (c.unit ? ' (' + c.unit + ')' : ''), left: 'center', textStyle: {fontSize: 13}},
        tooltip: {trigger: 'axis'},
        legend: {bottom: 0, data: [texts.baseline, texts.target, texts.actual]},
        grid: {left: 55, right: 15, top: 35, bottom: 45},
        xAxis: {type: 'category', data: c.labels},
        yAxis: {type: 'value', scale: true},
        series: [
          {name: texts.baseline, type: 'line', data: c.baseline, symbol: 'none', lineStyle: {type: 'dashed', color: '#888'}, itemStyle: {color: '#888'}},
          {name: texts.target, type: 'line', data: c.targets, connectNulls: true, lineStyle: {color: '#1f6fb2'}, itemStyle: {color: '#1f6fb2'}},
          {name: texts.actual, type: 'line', data: c.actuals, connectNulls: true, lineStyle: {width: 3, color: '#b3261e'}, itemStyle: {color: '#b3261e'}}
        ]
      });
      el.dataset.drawn = 'true';
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
