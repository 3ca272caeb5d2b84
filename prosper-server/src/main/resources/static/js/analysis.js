// Draws the analysis result: a bar chart with 95% error bars and a choropleth of the child units from the GeoJSON the
// app serves (echarts.registerMap: no tile server). Runs on page load and whenever htmx swaps a result in.
(function () {
  var charts = [];

  function label(row, lang) {
    return row.nameLocal && lang !== 'en' ? row.nameLocal : row.name;
  }

  function draw(root) {
    var holder = root.querySelector('#analysis-data');
    if (!holder || !window.echarts) return;
    var result = JSON.parse(holder.textContent);
    var select = root.querySelector('#analysis-measure');
    var lang = document.documentElement.lang || 'en';
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    var chartEl = root.querySelector('#analysis-chart');
    var mapEl = root.querySelector('#analysis-map');
    var bar = echarts.init(chartEl);
    charts.push(bar);
    var map = null;
    var geo = null;

    function values(measure) {
      return result.rows.map(function (r) {
        var e = r.estimates[measure];
        return {name: r.name, label: label(r, lang), value: e ? e.value : null, se: e ? e.se : null};
      });
    }

    function render() {
      var measure = select.value;
      var title = select.options[select.selectedIndex].text;
      var data = values(measure);
      bar.setOption({
        title: {text: title, left: 'center', textStyle: {fontSize: 14}},
        tooltip: {trigger: 'axis'},
        grid: {left: 60, right: 20, bottom: 70, top: 40},
        xAxis: {type: 'category', data: data.map(function (d) { return d.label; }), axisLabel: {rotate: data.length > 6 ? 35 : 0}},
        yAxis: {type: 'value'},
        series: [
          {type: 'bar', name: title, data: data.map(function (d) { return d.value; }), itemStyle: {color: '#b3261e'}},
          {type: 'custom', name: '95%', data: data.map(function (d, i) {
              return d.value == null || d.se == null ? [i, null, null] : [i, d.value - 1.96 * d.se, d.value + 1.96 * d.se];
            }),
            renderItem: function (params, api) {
              if (api.value(1) == null || isNaN(api.value(1))) return null;
              var low = api.coord([api.value(0), api.value(1)]);
              var high = api.coord([api.value(0), api.value(2)]);
              var w = api.size([1, 0])[0] * 0.15;
              var style = {stroke: '#333', lineWidth: 1.5};
              return {type: 'group', children: [
                {type: 'line', shape: {x1: low[0], y1: low[1], x2: high[0], y2: high[1]}, style: style},
                {type: 'line', shape: {x1: low[0] - w, y1: low[1], x2: low[0] + w, y2: low[1]}, style: style},
                {type: 'line', shape: {x1: high[0] - w, y1: high[1], x2: high[0] + w, y2: high[1]}, style: style}]};
            }, z: 10}
        ]
      }, true);
      if (map && geo) {
        var present = data.filter(function (d) { return d.value != null; }).map(function (d) { return d.value; });
        map.setOption({
          title: {text: title, left: 'center', textStyle: {fontSize: 14}},
          tooltip: {trigger: 'item', formatter: function (p) {
            var d = data.filter(function (x) { return x.name === p.name; })[0];
            return (d ? d.label : p.name) + ': ' + (p.value == null || isNaN(p.value) ? '–' : Number(p.value).toPrecision(3));
          }},
          visualMap: {min: Math.min.apply(null, present.concat([0])), max: present.length && Math.max.apply(null, present) > 0 ? Math.max.apply(null, present) : 1,
            calculable: true, precision: 2, left: 10, bottom: 10, inRange: {color: ['#fde7e4', '#b3261e']}},
          series: [{type: 'map', map: 'analysis-' + result.id, roam: true, nameProperty: 'name',
            data: data.map(function (d) { return {name: d.name, value: d.value == null ? '-' : d.value}; })}]
        }, true);
      }
    }

    select.addEventListener('change', render);
    render();
    fetch(mapEl.dataset.url, {credentials: 'same-origin', headers: {'Accept': 'application/geo+json'}})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (json) {
        if (!json.features || json.features.length === 0) throw 'none';
        geo = json;
        echarts.registerMap('analysis-' + result.id, geo);
        map = echarts.init(mapEl);
        charts.push(map);
        mapEl.dataset.features = String(geo.features.length);
        render();
      })
      .catch(function () {
        mapEl.innerHTML = '';
        var p = document.createElement('p');
        p.className = 'empty';
        p.textContent = mapEl.dataset.none;
        mapEl.appendChild(p);
      });
  }

  document.addEventListener('DOMContentLoaded', function () { draw(document); });
  document.addEventListener('htmx:afterSettle', function (e) {
    if (e.target && e.target.querySelector && e.target.querySelector('#analysis-data')) draw(e.target);
    else if (e.target && e.target.id === 'analysis-result') draw(e.target.parentNode);
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
