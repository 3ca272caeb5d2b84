-- wrk script: each request is a new ODK submission (multipart, unique instanceID) of the demo baseline form for a
-- household of enumerator-kh's village; answers are counted by status.
local counter = 0
local threads = {}
local version = os.getenv("FORM_VERSION") or "2026010101"
local auth = os.getenv("AUTH")
local boundary = "----prosperbench7MA4YWxkTrZu0gW"

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  created, accepted, other = 0, 0, 0
  math.randomseed(os.time() + tid * 7919)
end

local function uuid()
  local t = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (string.gsub(t, "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

request = function()
  counter = counter + 1
  local hh = string.format("KH-SVAYAMPEAR-%04d", (counter % 220) + 1)
  local xml = '<?xml version="1.0"?><household_baseline id="household_baseline" version="' .. version .. '">'
    .. '<country>KH</country><village>KH-PILOT-SVAYAMPEAR</village><household_id>' .. hh .. '</household_id>'
    .. '<head_name>Bench</head_name><location>11.5 105.0 0 5</location><housing><water_source>PIPED</water_source>'
    .. '<sanitation>FLUSH</sanitation><cooking_fuel>GAS</cooking_fuel><electricity>yes</electricity></housing><hh_size>2</hh_size>'
    .. '<members><member_name>A</member_name><sex>F</sex><birth_date>1980-01-01</birth_date><relation>HEAD</relation><education>PRIMARY</education></members>'
    .. '<members><member_name>B</member_name><sex>M</sex><birth_date>2010-01-01</birth_date><relation>CHILD</relation><education>PRIMARY</education></members>'
    .. '<income><income_crops>100</income_crops><income_livestock>0</income_livestock><income_wage>50</income_wage><income_business>0</income_business>'
    .. '<income_remittances>0</income_remittances><income_total>150</income_total></income><consumption_month>20</consumption_month>'
    .. '<assets>radio</assets><meta><instanceID>uuid:' .. uuid() .. '</instanceID></meta></household_baseline>'
  local body = "--" .. boundary .. "\r\n"
    .. 'Content-Disposition: form-data; name="xml_submission_file"; filename="submission.xml"\r\n'
    .. "Content-Type: text/xml\r\n\r\n" .. xml .. "\r\n--" .. boundary .. "--\r\n"
  return wrk.format("POST", "/openrosa/submission", {
    ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
    ["X-OpenRosa-Version"] = "1.0",
    ["Authorization"] = "Basic " .. auth,
  }, body)
end

response = function(status, headers, body)
  if status == 201 then created = created + 1 elseif status == 202 then accepted = accepted + 1 else other = other + 1 end
end

done = function(summary, latency, requests)
  local c, a, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); a = a + t:get("accepted"); o = o + t:get("other")
  end
  io.write(string.format("STATUS created=%d accepted=%d other=%d\n", c, a, o))
  io.write(string.format("LATENCY p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("RATE requests=%d seconds=%.1f rps=%.1f\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6)))
end
