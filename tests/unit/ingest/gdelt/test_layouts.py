from graph.ingest.gdelt.layouts import LAYOUTS, POSITIONS


def test_every_layout_names_as_many_columns_as_its_width_each_once() -> None:
    for width, (_, columns) in LAYOUTS.items():
        assert len(columns) == width
        assert len(set(columns)) == width


def test_the_three_layouts_differ_only_in_adm2_codes_and_the_source_url() -> None:
    newest = set(LAYOUTS[61][1])
    assert newest - set(LAYOUTS[58][1]) == {
        "Actor1Geo_ADM2Code",
        "Actor2Geo_ADM2Code",
        "ActionGeo_ADM2Code",
    }
    assert set(LAYOUTS[58][1]) - set(LAYOUTS[57][1]) == {"SOURCEURL"}


def test_the_event_id_comes_first_and_the_date_added_after_the_places() -> None:
    for positions in POSITIONS.values():
        assert positions["GLOBALEVENTID"] == 0
        assert positions["DATEADDED"] > positions["ActionGeo_FeatureID"]
