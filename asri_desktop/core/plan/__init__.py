"""Plan, publish, monitor, evaluate (issue 7): the guideline's second half, headless.

Modules, each named by what it holds:
  * :mod:`.calendar` — plan items, publication slots, ICS/CSV/XLSX export and import;
  * :mod:`.schedule` — reading the plan (items, scheduled posts, week and month days), re-exported by calendar;
  * :mod:`.publications` — publication records, ``publish``, corrections (Ralat);
  * :mod:`.hoax` — the hoax log and clarification posts;
  * :mod:`.comments` — comment moderation with response time;
  * :mod:`.consent` — photo consent records;
  * :mod:`.metrics` — monitoring figures, typed or imported (Meta, TikTok);
  * :mod:`.kpi` — derived figures and chart series;
  * :mod:`.survey` — quick quiz and satisfaction survey;
  * :mod:`.report` — the evaluation report PDF;
  * :mod:`.replication` — the replication pack;
  * :mod:`.times`, :mod:`.tables`, :mod:`.vocab` — typed times, spreadsheet reading, the plan's words.
"""
