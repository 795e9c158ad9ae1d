-- /search and the message extension look alerts up by the IMI request number or the national
-- case reference people copy from their own files, in any letter case: indexed on the upper-case
-- form the search compares, so a number finds its alerts without a scan of them all. (Inspections,
-- far fewer, are read whole by the same search.)
CREATE INDEX IF NOT EXISTS alerts_by_imi_request ON alerts(upper(imi_request_number));
CREATE INDEX IF NOT EXISTS alerts_by_case_reference ON alerts(upper(case_reference));
