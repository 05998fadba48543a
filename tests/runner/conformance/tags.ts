import http from "k6/http";
import exec from "k6/execution";

export const options = {
  scenarios: {
    main: { executor: "shared-iterations", iterations: 1, tags: { team: "sre" } },
  },
  thresholds: {
    "http_reqs{phase:before}": ["count==2"],
    "http_reqs{phase:during}": ["count==1"],
    "http_req_failed{phase:before}": ["rate==0"],
    "http_req_failed{phase:during}": ["rate==1"],
    "http_reqs{scenario:main,team:sre}": ["count==3"],
    "http_reqs{testid:abc}": ["count==3"],
    "http_reqs{name:probe}": ["count==1"],
    "http_reqs{status:503,error_code:1503}": ["count==1"],
    "http_reqs{vu_tag:set}": ["count==1"],
  },
};

export default async function () {
  await http.asyncRequest("GET", `${__ENV.BASE}/ok`, null, { tags: { phase: "before" } });
  await http.asyncRequest("GET", `${__ENV.BASE}/ok?id=1`, null, { tags: { phase: "before", name: "probe" } });
  exec.vu.metrics.tags.vu_tag = "set";
  await http.asyncRequest("GET", `${__ENV.BASE}/status/503`, null, { tags: { phase: "during" } });
}
