// Draws every chart of the page from the Vega-Lite spec stored beside its container.
// A chart that fails shows a readable message in place and reports it on the console.
function cxDrawCharts(errorText) {
  document.querySelectorAll(".cx-chart").forEach(function (box) {
    var holder = box.querySelector("script.cx-spec");
    var target = document.createElement("div");
    target.className = "cx-chart-body";
    box.appendChild(target);
    function fail(err) {
      box.classList.add("cx-chart-error");
      target.textContent = errorText.replace("{error}", String(err && err.message || err));
      console.error("cx chart: " + (err && err.message || err));
    }
    try {
      var spec = JSON.parse(holder.textContent);
      vegaEmbed(target, spec, {actions: false, renderer: "svg"}).catch(fail);
    } catch (err) {
      fail(err);
    }
  });
}
