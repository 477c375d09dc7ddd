-- kc_source: the funding sources of the khuyến công programme.

CREATE TYPE @extschema@.kc_source AS ENUM ('national', 'local', 'counterpart', 'other');
COMMENT ON TYPE @extschema@.kc_source IS
	'Funding source: national (khuyến công quốc gia), local (khuyến công địa phương), counterpart (vốn đối ứng), other.';

CREATE FUNCTION @extschema@.kc_source_label(source @extschema@.kc_source, lang text DEFAULT 'vi')
	RETURNS text
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF lang = 'vi' THEN
		RETURN CASE source
			WHEN 'national' THEN 'Khuyến công quốc gia'
			WHEN 'local' THEN 'Khuyến công địa phương'
			WHEN 'counterpart' THEN 'Vốn đối ứng'
			ELSE 'Nguồn khác' END;
	ELSIF lang = 'en' THEN
		RETURN CASE source
			WHEN 'national' THEN 'National industrial promotion'
			WHEN 'local' THEN 'Local industrial promotion'
			WHEN 'counterpart' THEN 'Counterpart funds'
			ELSE 'Other sources' END;
	END IF;
	RAISE EXCEPTION 'unknown language "%" for kc_source_label', lang
		USING ERRCODE = 'invalid_parameter_value',
		      HINT = 'Use ''vi'' (Vietnamese) or ''en'' (English).';
END
$$;
